import type { JournalSettings } from '../../api/types';

/** The cloud-AI opt-in, with exactly what would be sent and where, before the user decides. */
export function CloudAiSettings(props: { settings: JournalSettings; onChange: (cloudAi: boolean) => void }) {
  const { settings } = props;
  const noProvider = settings.cloudProviders.length === 0;
  return (
    <section class="journal-panel" aria-labelledby="cloud-ai-heading">
      <h2 id="cloud-ai-heading">AI analysis</h2>
      <p>
        {settings.cloudAi
          ? 'Your entries are analysed by a cloud AI provider, with this server as the fallback.'
          : 'Your entries are analysed on this server only. Nothing leaves it.'}
      </p>
      <label class="checkbox">
        <input
          type="checkbox"
          checked={settings.cloudAi}
          disabled={noProvider && !settings.cloudAi}
          onChange={(e) => props.onChange(e.currentTarget.checked)}
        />
        Let cloud AI analyse my entries
      </label>
      {noProvider && <p class="hint">No cloud provider is configured on this server.</p>}
      <details>
        <summary>What is sent</summary>
        <p>{settings.whatIsSent.description}</p>
        {settings.cloudProviders.length > 0 && (
          <ul>
            {settings.cloudProviders.map((p) => (
              <li key={p.name}>
                {p.name}: model {p.model} at {p.url}
              </li>
            ))}
          </ul>
        )}
        <p>An example request, as it would be sent:</p>
        <pre class="example-request" tabIndex={0}>
          {JSON.stringify(settings.whatIsSent.exampleRequest, null, 2)}
        </pre>
      </details>
    </section>
  );
}
