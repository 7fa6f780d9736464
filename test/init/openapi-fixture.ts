/** An OpenAPI 3 document built in code: path and query parameters, a $ref body schema, an example body, bearer auth. */
export function petstore(server?: string) {
  return {
    openapi: '3.0.3',
    info: { title: 'Pet Store', version: '1' },
    ...(server ? { servers: [{ url: `${server}/v1` }] } : {}),
    security: [{ bearer: [] }],
    components: {
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } },
      schemas: {
        Pet: {
          type: 'object',
          required: ['name'],
          properties: {
            name: { type: 'string', example: 'Rex' },
            age: { type: 'integer', minimum: 0 },
            tag: { $ref: '#/components/schemas/Tag' },
            born: { type: 'string', format: 'date' },
          },
        },
        Tag: { type: 'string', enum: ['dog', 'cat'] },
      },
    },
    paths: {
      '/pets': {
        get: {
          operationId: 'listPets',
          parameters: [
            { name: 'limit', in: 'query', required: true, schema: { type: 'integer', minimum: 1, maximum: 50 } },
            { name: 'cursor', in: 'query', schema: { type: 'string' } },
          ],
        },
        post: {
          operationId: 'createPet',
          requestBody: { content: { 'application/json': { schema: { $ref: '#/components/schemas/Pet' } } } },
        },
      },
      '/pets/{petId}': {
        parameters: [{ name: 'petId', in: 'path', required: true, schema: { type: 'integer' } }],
        get: { operationId: 'showPet' },
        put: {
          requestBody: { content: { 'application/json': { example: { name: 'Max', age: 3 } } } },
        },
      },
      '/owners/{owner-id}': {
        get: { parameters: [{ name: 'owner-id', in: 'path', required: true, schema: { type: 'string', format: 'uuid' } }], security: [] },
      },
    },
  };
}
