import type { TemplateActionOptions } from '@backstage/plugin-scaffolder-node';

/**
 * Zod-callback fields of an action's input or output schema, as `createTemplateAction`
 * takes them. A schema declared as a named constant uses `satisfies ActionSchemaFields`,
 * so that each callback is typed with the scaffolder's own zod and the action still
 * infers its input and output types. Such constants stay unexported: their types name
 * the scaffolder's private copy of zod, which declaration files cannot reference.
 */
export type ActionSchemaFields = NonNullable<
  NonNullable<TemplateActionOptions['schema']>['input']
>;
