import { parseFieldConflicts } from './applyConflicts';

// The Status a real API server answers to a server-side apply without force.
const status = {
  kind: 'Status',
  apiVersion: 'v1',
  status: 'Failure',
  message: 'Apply failed with 2 conflicts: conflict with "a": .spec.hard.pods',
  reason: 'Conflict',
  details: {
    causes: [
      {
        reason: 'FieldManagerConflict',
        message: 'conflict with "gitops"',
        field: '.spec.hard.pods',
      },
      {
        reason: 'FieldManagerConflict',
        message: 'conflict with "kubectl-edit" using v1',
        field: '.spec.hard.cpu',
      },
    ],
  },
  code: 409,
};

describe('parseFieldConflicts', () => {
  it('names each conflicting field and its manager, from the body as client-node gives it', () => {
    const error = Object.assign(new Error('HTTP-Code: 409'), {
      code: 409,
      body: `${JSON.stringify(status)}\n`,
    });
    expect(parseFieldConflicts(error)).toEqual([
      { field: '.spec.hard.pods', manager: 'gitops' },
      { field: '.spec.hard.cpu', manager: 'kubectl-edit' },
    ]);
  });

  it('is undefined for other errors, including other 409s', () => {
    expect(
      parseFieldConflicts(
        Object.assign(new Error('x'), { code: 403, body: '{}' }),
      ),
    ).toBeUndefined();
    const exists = {
      ...status,
      reason: 'AlreadyExists',
      details: { name: 'x' },
    };
    expect(
      parseFieldConflicts(
        Object.assign(new Error('x'), { code: 409, body: exists }),
      ),
    ).toBeUndefined();
  });
});
