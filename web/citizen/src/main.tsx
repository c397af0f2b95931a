import { createRoot } from 'react-dom/client';
import { App } from './App.tsx';
import './site.css';

createRoot(document.getElementById('root') ?? document.body).render(<App />);
