import { crdSchemas } from './crd-schemas';

describe('crdSchemas', () => {
  it("names each served version's schema as kubeconform looks it up, rejecting unknown fields", () => {
    const crd = `
apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
spec:
  group: gateway.networking.k8s.io
  names: {kind: HTTPRoute}
  versions:
    - name: v1
      schema:
        openAPIV3Schema:
          type: object
          properties:
            spec: {type: object, properties: {hostnames: {type: array}}}
            status: {type: object, x-kubernetes-preserve-unknown-fields: true, properties: {a: {type: string}}}
    - name: v1beta1
`;
    const [only, ...rest] = crdSchemas(crd);
    expect(rest).toEqual([]);
    expect(only?.path).toBe('gateway.networking.k8s.io/httproute_v1.json');
    const schema = only?.schema as {
      additionalProperties: boolean;
      properties: Record<string, { additionalProperties?: boolean }>;
    };
    expect(schema.additionalProperties).toBe(false);
    expect(schema.properties.spec?.additionalProperties).toBe(false);
    expect(schema.properties.status?.additionalProperties).toBeUndefined();
  });
});
