import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { StatusBoard } from './board/StatusBoard.tsx';
import { useEngineEvents } from './live.ts';
import { createTransport } from './transport.ts';
import { TransportContext } from './transport-context.tsx';
import './styles.css';

const transport = createTransport();
const queryClient = new QueryClient({
  defaultOptions: { queries: { retry: 1, refetchOnWindowFocus: true } },
});

function App() {
  useEngineEvents();
  return <StatusBoard />;
}

const root = document.getElementById('root');
if (!root) throw new Error('no #root element');
createRoot(root).render(
  <StrictMode>
    <TransportContext.Provider value={transport}>
      <QueryClientProvider client={queryClient}>
        <App />
      </QueryClientProvider>
    </TransportContext.Provider>
  </StrictMode>,
);
