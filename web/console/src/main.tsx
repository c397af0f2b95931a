import { createRoot } from 'react-dom/client';
import { App } from './app/App.tsx';
import { me, signedInUser } from './lib/auth.ts';
import { loadConfig } from './lib/config.ts';

const root = createRoot(document.getElementById('root') ?? document.body);

/** Configuration, then sign-in (or its return), then the console for this person. */
async function start() {
  await loadConfig();
  const user = await signedInUser();
  if (user) root.render(<App me={me(user)} />);
}

start().catch((error: unknown) => {
  root.render(
    <main style={{ padding: 48 }}>
      <h1>新华区政务网暂时无法打开</h1>
      <p>{error instanceof Error ? error.message : String(error)}</p>
      <button
        type="button"
        onClick={() => {
          window.location.assign('/');
        }}
      >
        重新打开
      </button>
    </main>,
  );
});
