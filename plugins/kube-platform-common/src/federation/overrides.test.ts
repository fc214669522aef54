import { isForbiddenOverridePath, parseJsonPointer } from './jsonPointer';
import { applyOverrides, OverrideError } from './overrides';

const deployment = () => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: 'web', labels: { a: '1' } },
  spec: {
    replicas: 2,
    template: {
      spec: {
        containers: [
          {
            name: 'web',
            image: 'nginx:1.27',
            env: [{ name: 'A', value: '1' }],
          },
        ],
      },
    },
  },
});

describe('parseJsonPointer', () => {
  it('unescapes ~1 and ~0', () => {
    expect(
      parseJsonPointer('/metadata/labels/app.kubernetes.io~1name'),
    ).toEqual(['metadata', 'labels', 'app.kubernetes.io/name']);
    expect(parseJsonPointer('/a~0b')).toEqual(['a~b']);
  });

  it('refuses pointers without a leading slash or with bad escapes', () => {
    expect(() => parseJsonPointer('spec')).toThrow(/must start with \//);
    expect(() => parseJsonPointer('/a~2')).toThrow(/bad ~ escape/);
  });
});

describe('isForbiddenOverridePath', () => {
  it.each([
    '/apiVersion',
    '/kind',
    '/metadata/name',
    '/metadata/namespace',
    '/metadata',
    '/kind/x',
  ])('forbids %s', path => expect(isForbiddenOverridePath(path)).toBe(true));
  it.each(['/spec/replicas', '/metadata/labels/name', '/metadata/annotations'])(
    'allows %s',
    path => expect(isForbiddenOverridePath(path)).toBe(false),
  );
});

describe('applyOverrides', () => {
  it('replaces by default, as KubeFed', () => {
    const out = applyOverrides(
      deployment(),
      [
        { path: '/spec/replicas', value: 5 },
        { path: '/spec/template/spec/containers/0/image', value: 'nginx:1.28' },
      ],
      'east',
    );
    expect(out.spec.replicas).toBe(5);
    expect(out.spec.template.spec.containers[0].image).toBe('nginx:1.28');
  });

  it('adds object keys and array items (index and -), and removes', () => {
    const out = applyOverrides(
      deployment(),
      [
        { op: 'add', path: '/metadata/labels/region', value: 'eu' },
        {
          op: 'add',
          path: '/spec/template/spec/containers/0/env/-',
          value: { name: 'C', value: '3' },
        },
        {
          op: 'add',
          path: '/spec/template/spec/containers/0/env/0',
          value: { name: 'Z', value: '0' },
        },
        { op: 'remove', path: '/metadata/labels/a' },
      ],
      'east',
    );
    expect(out.metadata.labels).toEqual({ region: 'eu' });
    expect(out.spec.template.spec.containers[0].env.map(e => e.name)).toEqual([
      'Z',
      'A',
      'C',
    ]);
  });

  it('does not change its input and copies values', () => {
    const input = deployment();
    const value = { name: 'B', value: '2' };
    const out = applyOverrides(
      input,
      [{ op: 'add', path: '/spec/template/spec/containers/0/env/-', value }],
      'east',
    );
    value.value = 'changed';
    expect(input.spec.template.spec.containers[0].env).toHaveLength(1);
    expect(out.spec.template.spec.containers[0].env[1]).toEqual({
      name: 'B',
      value: '2',
    });
  });

  it.each([
    [
      { path: '/spec/strategy/type', value: 'Recreate' },
      /at \/spec\/strategy\/type: parent \/spec\/strategy does not exist/,
    ],
    [
      { path: '/spec/template/spec/containers/3/image', value: 'x' },
      /parent \/spec\/template\/spec\/containers\/3 does not exist/,
    ],
    [
      {
        op: 'add' as const,
        path: '/spec/template/spec/containers/0/env/5',
        value: {},
      },
      /index 5 is out of range \(length 1\)/,
    ],
    [
      { op: 'remove' as const, path: '/spec/template/spec/containers/0/env/1' },
      /index 1 is out of range/,
    ],
    [{ path: '/spec/paused', value: true }, /replace target does not exist/],
    [
      { op: 'remove' as const, path: '/metadata/annotations' },
      /remove target does not exist/,
    ],
    [
      { path: '/spec/replicas/x', value: 1 },
      /parent is not an object or array/,
    ],
    [
      { path: '/spec/template/spec/containers/01/image', value: 'x' },
      /containers\/01 does not exist/,
    ],
  ])('reports a bad pointer %j with cluster and path', (override, message) => {
    let error: unknown;
    try {
      applyOverrides(deployment(), [override], 'kind-west');
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(OverrideError);
    expect((error as OverrideError).cluster).toBe('kind-west');
    expect((error as OverrideError).path).toBe(override.path);
    expect((error as Error).message).toMatch(
      /^Override on cluster kind-west at /,
    );
    expect((error as Error).message).toMatch(message);
  });
});
