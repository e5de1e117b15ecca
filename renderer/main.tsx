import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { keepEarlyKeys } from './keyboard/early-keys';
import { createLibraryServices } from './library/create-services';
import { LibraryContext } from './library/library-context';
import './styles/app.css';

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root');
keepEarlyKeys();
const services = createLibraryServices();
createRoot(root).render(
  <StrictMode>
    <LibraryContext.Provider value={services}>
      <App />
    </LibraryContext.Provider>
  </StrictMode>,
);
