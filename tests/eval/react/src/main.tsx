import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';

const root = createRoot(document.getElementById('root') as HTMLElement); // near: react/legacy-root-api
root.render(
  <StrictMode>
    <App />
  </StrictMode>,
);
