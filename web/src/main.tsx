import 'inburgering-thema.css';
import '@utrecht/component-library-css/dist/index.css';
import './stijl.css';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { RouterProvider } from 'react-router';
import { ApiFout } from './api/http';
import { maakRouter } from './routes';

const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      staleTime: 10_000,
      refetchOnWindowFocus: false,
      // A 4xx will not get better by asking again; a network hiccup or 503 might.
      retry: (pogingen, fout) =>
        pogingen < 2 && !(fout instanceof ApiFout && fout.status >= 400 && fout.status < 500),
    },
  },
});

const router = maakRouter(queryClient);

createRoot(document.getElementById('app') as HTMLElement).render(
  <StrictMode>
    <QueryClientProvider client={queryClient}>
      <RouterProvider router={router} />
    </QueryClientProvider>
  </StrictMode>,
);
