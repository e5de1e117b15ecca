// The repository's own lint rules (eslint.config.js loads them as the `local` plugin).
import noUserTextProperty from './no-user-text-property.js';

export default { rules: { 'no-user-text-property': noUserTextProperty } };
