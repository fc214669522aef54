import { tenantRequestSchema } from '@kube-platform/plugin-kube-platform-common';
import {
  clusterNameOf,
  tenantRequestFromFormData,
} from './tenantRequestFromFormData';

const tenantStep = {
  name: 'team-alpha-web',
  owner: 'group:default/team-alpha',
  cluster: 'resource:default/cluster-1',
  environment: 'production',
  allowedRegistries: ['registry.example.com/alpha'],
};
const accountingStep = { costCenter: 'payments', contact: 'alpha@example.com' };

describe('clusterNameOf', () => {
  it('takes the name of an entity ref, and keeps a bare name', () => {
    expect(clusterNameOf('resource:default/cluster-1')).toBe('cluster-1');
    expect(clusterNameOf('cluster-2')).toBe('cluster-2');
    expect(clusterNameOf('resource:default/')).toBeUndefined();
  });
});

describe('tenantRequestFromFormData', () => {
  it('maps the form as the template maps it to the create action', () => {
    const request = tenantRequestFromFormData({
      ...tenantStep,
      ...accountingStep,
      description: 'Storefront',
      podSecurityStandard: 'privileged',
      quotaPreset: 'medium',
    });
    expect(request).toEqual({
      name: 'team-alpha-web',
      owner: 'group:default/team-alpha',
      cluster: 'cluster-1',
      environment: 'production',
      costCenter: 'payments',
      contact: 'alpha@example.com',
      description: 'Storefront',
      quotaPreset: 'medium',
      security: {
        allowedRegistries: ['registry.example.com/alpha'],
        podSecurityStandard: 'privileged',
      },
    });
    expect(tenantRequestSchema.safeParse(request).success).toBe(true);
  });

  it('leaves the Pod Security level to the environment when none is chosen', () => {
    const request = tenantRequestFromFormData({
      ...tenantStep,
      ...accountingStep,
      allowedRegistries: undefined as any,
      description: '',
      budget: ' ',
      quotaPreset: 'small',
    });
    expect(request?.security).toEqual({ allowedRegistries: [] });
    expect(request).not.toHaveProperty('description');
    expect(request).not.toHaveProperty('budget');
  });

  it('passes the monthly budget as the template does', () => {
    const request = tenantRequestFromFormData({
      ...tenantStep,
      ...accountingStep,
      budget: '500 USD',
      quotaPreset: 'small',
    });
    expect(request?.budget).toBe('500 USD');
    expect(tenantRequestSchema.safeParse(request).success).toBe(true);
  });

  it('turns a custom quota into quota keys instead of a preset', () => {
    const request = tenantRequestFromFormData({
      ...tenantStep,
      ...accountingStep,
      quotaPreset: 'custom',
      customQuota: {
        requestsCpu: '200',
        requestsMemory: '8Gi',
        limitsCpu: '400',
        limitsMemory: '16Gi',
        pods: 50,
      },
    });
    expect(request).not.toHaveProperty('quotaPreset');
    expect(request?.quota).toEqual({
      'requests.cpu': '200',
      'requests.memory': '8Gi',
      'limits.cpu': '400',
      'limits.memory': '16Gi',
      pods: 50,
    });
    expect(tenantRequestSchema.safeParse(request).success).toBe(true);
  });

  it('has no request while a required field is empty', () => {
    expect(tenantRequestFromFormData(tenantStep)).toBeUndefined();
    expect(
      tenantRequestFromFormData({ ...tenantStep, ...accountingStep, name: '' }),
    ).toBeUndefined();
  });
});
