import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { startWordsLoaded } from './i18n';
import './styles.css';
import { App } from './app/App';

const root = document.getElementById('root');
if (root === null) throw new Error('index.html has no #root element');

// The first render waits for the words of the pages before sign-in in the reader's language (a small file); if they
// cannot be fetched, the app still starts and says the server cannot be reached.
void startWordsLoaded
  .catch(() => undefined)
  .then(() =>
    createRoot(root).render(
      <StrictMode>
        <App />
      </StrictMode>,
    ),
  );
