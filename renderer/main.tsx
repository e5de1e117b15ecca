import { StrictMode } from 'react';
import { I18nextProvider } from 'react-i18next';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { keepEarlyKeys } from './keyboard/early-keys';
import { createLibraryServices } from './library/create-services';
import { LibraryContext } from './library/library-context';
import { showInitialLocale } from './i18n/language';
import { windowTranslator } from './i18n/window-translator';
import './styles/app.css';

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root');
keepEarlyKeys();
const services = createLibraryServices();
const render = () =>
  createRoot(root).render(
    <StrictMode>
      <I18nextProvider i18n={windowTranslator.i18n}>
        <LibraryContext.Provider value={services}>
          <App />
        </LibraryContext.Provider>
      </I18nextProvider>
    </StrictMode>,
  );
// The language first (one settings read and, for a language other than English, its catalogue), then the window.
void showInitialLocale(services.db, services.host).then(render, render);
