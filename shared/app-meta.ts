/** Facts about the product that both processes print or send. */
export const APP_NAME = 'Broadsheet';
export const PROJECT_URL = 'https://github.com/broadsheet-app/broadsheet';
