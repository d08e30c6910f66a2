import { Counter, type CounterConfiguration, type Registry } from 'prom-client';

/**
 * The counter `name` of `registry`, created on first use: a second topology started on the same registry
 * (two applications of one process) shares it instead of failing on a duplicate name.
 */
export function registeredCounter<L extends string>(
  registry: Registry,
  { name, help, labelNames }: Pick<CounterConfiguration<L>, 'name' | 'help' | 'labelNames'>,
): Counter<L> {
  const existing = registry.getSingleMetric(name) as Counter<L> | undefined;
  return existing ?? new Counter<L>({ name, help, ...(labelNames && { labelNames }), registers: [registry] });
}
