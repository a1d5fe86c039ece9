// Routes under /console; each screen is its own chunk (scenes/<Screen>/index.tsx), loaded when
// first opened, so the first load stays small.
import { createBrowserRouter, Navigate } from 'react-router';
import { Shell } from './components/Shell';
import SignIn from './scenes/SignIn';

const scene = (load: () => Promise<{ default: React.ComponentType }>) => async () => ({
  Component: (await load()).default,
});

export const router = createBrowserRouter(
  [
    { path: '/sign-in', Component: SignIn },
    { path: '/forgot-password', lazy: scene(() => import('./scenes/ForgotPassword')) },
    {
      path: '/',
      Component: Shell,
      children: [
        { index: true, element: <Navigate to="/today" replace /> },
        { path: 'today', lazy: scene(() => import('./scenes/Today')) },
        { path: 'customers', lazy: scene(() => import('./scenes/Customers')) },
        { path: 'customers/:customerId', lazy: scene(() => import('./scenes/Customer')) },
        { path: 'tasks', lazy: scene(() => import('./scenes/Tasks')) },
        { path: 'inbox', lazy: scene(() => import('./scenes/Inbox')) },
        { path: 'inbox/:customerId', lazy: scene(() => import('./scenes/Inbox')) },
        { path: 'inbox/number/:phone', lazy: scene(() => import('./scenes/Inbox')) },
        { path: 'appointments', lazy: scene(() => import('./scenes/Appointments')) },
        { path: 'templates', lazy: scene(() => import('./scenes/Templates')) },
        { path: 'statistics', lazy: scene(() => import('./scenes/Statistics')) },
        { path: 'promotions', lazy: scene(() => import('./scenes/Promotions')) },
        { path: 'campaigns', lazy: scene(() => import('./scenes/Campaigns')) },
        { path: 'online-booking', lazy: scene(() => import('./scenes/OnlineBooking')) },
        { path: 'imports', lazy: scene(() => import('./scenes/Imports')) },
        { path: 'exports', lazy: scene(() => import('./scenes/Exports')) },
        { path: 'users', lazy: scene(() => import('./scenes/Users')) },
        { path: 'settings', lazy: scene(() => import('./scenes/Settings')) },
        { path: 'maintenance', lazy: scene(() => import('./scenes/Maintenance')) },
        { path: 'operator', lazy: scene(() => import('./scenes/Operator')) },
        { path: '*', lazy: scene(() => import('./scenes/NotFound')) },
      ],
    },
  ],
  { basename: '/console' },
);
