/** Dapr component names, as declared in dapr/components (the same in every environment). */
export const COMPONENTS = {
  pubsub: 'daybook-pubsub',
  /** Every replica consumes every event (realtime fan-out). */
  pubsubFanout: 'daybook-pubsub-fanout',
  secrets: 'daybook-secrets',
} as const;
