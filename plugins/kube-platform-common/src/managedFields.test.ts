import { findForeignFields } from './managedFields';

describe('findForeignFields', () => {
  it('reports what another manager added to a policy we applied, and nothing of ours', () => {
    const managedFields = [
      {
        manager: 'kube-platform',
        operation: 'Apply',
        fieldsType: 'FieldsV1',
        fieldsV1: { 'f:spec': { 'f:podSelector': {}, 'f:policyTypes': {} } },
      },
      {
        manager: 'kubectl-patch',
        operation: 'Update',
        fieldsType: 'FieldsV1',
        fieldsV1: { 'f:spec': { 'f:ingress': {} } },
      },
    ];
    expect(findForeignFields(managedFields, 'kube-platform')).toEqual([
      { path: 'spec.ingress', manager: 'kubectl-patch' },
    ]);
  });

  it('names list items by their keys and leaves status subresources out', () => {
    const managedFields = [
      {
        manager: 'editor',
        operation: 'Apply',
        fieldsV1: {
          'f:metadata': { 'f:labels': { 'f:team': {} } },
          'f:subjects': {
            'k:{"kind":"Group","name":"everyone"}': {
              '.': {},
              'f:kind': {},
              'f:name': {},
            },
          },
        },
      },
      {
        manager: 'kube-controller-manager',
        operation: 'Update',
        subresource: 'status',
        fieldsV1: { 'f:status': { 'f:used': {} } },
      },
    ];
    expect(findForeignFields(managedFields, 'kube-platform')).toEqual([
      { path: 'metadata.labels.team', manager: 'editor' },
      { path: 'subjects[kind=Group,name=everyone]', manager: 'editor' },
    ]);
  });

  it('finds nothing on an object only we manage', () => {
    expect(
      findForeignFields(
        [{ manager: 'kube-platform', fieldsV1: { 'f:spec': {} } }],
        'kube-platform',
      ),
    ).toEqual([]);
    expect(findForeignFields(undefined, 'kube-platform')).toEqual([]);
  });
});
