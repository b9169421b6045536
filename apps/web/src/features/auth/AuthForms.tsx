import { useState } from 'preact/hooks';
import { Field, FormError } from '../../components/Field';
import { ApiError } from '../../api/http';
import { requestCode, signIn, signUp, verifyCode } from '../../state/session';

function message(err: unknown): string {
  if (err instanceof ApiError && err.status === 429 && err.retryAfterSeconds)
    return `${err.message} (try again in ${err.retryAfterSeconds} s)`;
  return err instanceof Error ? err.message : String(err);
}

function useSubmit(action: () => Promise<void>) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const onSubmit = async (e: Event) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await action();
    } catch (err) {
      setError(message(err));
    } finally {
      setBusy(false);
    }
  };
  return { busy, error, onSubmit };
}

export function SignInForm({ email: initialEmail = '' }: { email?: string }) {
  const [email, setEmail] = useState(initialEmail);
  const [password, setPassword] = useState('');
  const { busy, error, onSubmit } = useSubmit(() => signIn(email.trim(), password));
  return (
    <form onSubmit={onSubmit} class="stack" aria-label="Sign in">
      <Field label="Email" id="signin-email">
        <input
          id="signin-email"
          type="email"
          autoComplete="username"
          required
          value={email}
          onInput={(e) => setEmail(e.currentTarget.value)}
        />
      </Field>
      <Field label="Password" id="signin-password">
        <input
          id="signin-password"
          type="password"
          autoComplete="current-password"
          required
          value={password}
          onInput={(e) => setPassword(e.currentTarget.value)}
        />
      </Field>
      <FormError message={error} />
      <button type="submit" class="button button-primary" disabled={busy}>
        {busy ? 'Signing in…' : 'Sign in'}
      </button>
    </form>
  );
}

export function SignUpForm() {
  const [email, setEmail] = useState('');
  const [displayName, setDisplayName] = useState('');
  const [password, setPassword] = useState('');
  const { busy, error, onSubmit } = useSubmit(() =>
    signUp({ email: email.trim(), password, displayName: displayName.trim() || undefined }),
  );
  return (
    <form onSubmit={onSubmit} class="stack" aria-label="Create account">
      <Field label="Name (optional)" id="signup-name">
        <input
          id="signup-name"
          autoComplete="name"
          value={displayName}
          onInput={(e) => setDisplayName(e.currentTarget.value)}
        />
      </Field>
      <Field label="Email" id="signup-email">
        <input
          id="signup-email"
          type="email"
          autoComplete="email"
          required
          value={email}
          onInput={(e) => setEmail(e.currentTarget.value)}
        />
      </Field>
      <Field label="Password" id="signup-password" hint="At least 10 characters.">
        <input
          id="signup-password"
          type="password"
          autoComplete="new-password"
          required
          minLength={10}
          maxLength={200}
          aria-describedby="signup-password-hint"
          value={password}
          onInput={(e) => setPassword(e.currentTarget.value)}
        />
      </Field>
      <FormError message={error} />
      <button type="submit" class="button button-primary" disabled={busy}>
        {busy ? 'Creating account…' : 'Create account'}
      </button>
    </form>
  );
}

export function CodeSignInForm() {
  const [email, setEmail] = useState('');
  const [code, setCode] = useState('');
  const [sent, setSent] = useState(false);
  const request = useSubmit(async () => {
    await requestCode(email.trim());
    setSent(true);
  });
  const verify = useSubmit(() => verifyCode(email.trim(), code.trim()));
  if (!sent) {
    return (
      <form onSubmit={request.onSubmit} class="stack" aria-label="Email me a code">
        <Field label="Email" id="code-email">
          <input
            id="code-email"
            type="email"
            autoComplete="username"
            required
            value={email}
            onInput={(e) => setEmail(e.currentTarget.value)}
          />
        </Field>
        <FormError message={request.error} />
        <button type="submit" class="button button-primary" disabled={request.busy}>
          {request.busy ? 'Sending…' : 'Email me a code'}
        </button>
      </form>
    );
  }
  return (
    <form onSubmit={verify.onSubmit} class="stack" aria-label="Enter your code">
      <p role="status">If an account exists for {email}, we sent it a 6-digit code. It is valid for 10 minutes.</p>
      <Field label="Code" id="code-code">
        <input
          id="code-code"
          inputMode="numeric"
          autoComplete="one-time-code"
          pattern="[0-9]{6}"
          maxLength={6}
          required
          value={code}
          onInput={(e) => setCode(e.currentTarget.value)}
        />
      </Field>
      <FormError message={verify.error} />
      <button type="submit" class="button button-primary" disabled={verify.busy}>
        {verify.busy ? 'Checking…' : 'Sign in'}
      </button>
      <button type="button" class="button button-link" onClick={() => setSent(false)}>
        Use a different email
      </button>
    </form>
  );
}

export function AuthPage({ mode }: { mode: 'signin' | 'signup' | 'code' }) {
  const title = mode === 'signup' ? 'Create your Daybook' : 'Sign in to Daybook';
  return (
    <main class="auth" id="main">
      <div class="auth-card">
        <p class="brand" aria-hidden="true">
          <span class="brand-mark">◐</span> Daybook
        </p>
        <h1>{title}</h1>
        {mode === 'signin' && <SignInForm />}
        {mode === 'signup' && <SignUpForm />}
        {mode === 'code' && <CodeSignInForm />}
        <nav class="auth-links" aria-label="Other ways in">
          {mode !== 'signin' && <a href="#/signin">Sign in with a password</a>}
          {mode !== 'code' && <a href="#/signin/code">Email me a code instead</a>}
          {mode !== 'signup' && <a href="#/signup">New here? Create an account</a>}
        </nav>
      </div>
    </main>
  );
}
