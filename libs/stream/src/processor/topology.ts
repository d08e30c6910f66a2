import type { ProcessorSupplier } from './processor';
import type { Deserializer, Partitioner, Serializer } from './serdes';

/** Options of a source node: the topic it reads and how its messages become records. */
export interface SourceOptions<K = string | null, V = unknown> {
  topic: string;
  deserializer: Deserializer<K, V>;
}

/** Options of a sink node: the topic it writes and how records become messages. */
export interface SinkOptions<K = string | null, V = unknown> {
  topic: string;
  serializer: Serializer<K, V>;
  partitioner?: Partitioner<K, V>;
}

/** A state store: LevelDB per task, backed by a compacted changelog topic unless `changelog` is false. */
export interface StoreOptions {
  name: string;
  changelog?: boolean;
}

export type TopologyNode =
  | { kind: 'source'; name: string; children: string[]; source: SourceOptions }
  | { kind: 'processor'; name: string; children: string[]; supplier: ProcessorSupplier; stores: string[] }
  | { kind: 'sink'; name: string; children: string[]; sink: SinkOptions };

/**
 * The graph of a stream application: named sources, processors and sinks, and the stores processors use.
 *
 * ```ts
 * const topology = new Topology()
 *   .addSource('activity', { topic: 'local.demo.cpp.activity', deserializer })
 *   .addProcessor('count', () => new CountProcessor(), 'activity')
 *   .addStateStore({ name: 'counts' }, 'count')
 *   .addSink('out', { topic: 'counts', serializer }, 'count');
 * ```
 */
export class Topology {
  readonly #nodes = new Map<string, TopologyNode>();
  readonly #stores = new Map<string, Required<StoreOptions>>();

  addSource<K, V>(name: string, options: SourceOptions<K, V>): this {
    if (this.sources().some((s) => s.source.topic === options.topic)) {
      throw new Error(`topology: topic ${options.topic} already has a source`);
    }
    return this.#add({ kind: 'source', name, children: [], source: options as SourceOptions }, []);
  }

  addProcessor<KIn, VIn, KOut, VOut>(
    name: string,
    supplier: ProcessorSupplier<KIn, VIn, KOut, VOut>,
    ...parentNames: string[]
  ): this {
    const node = {
      kind: 'processor' as const,
      name,
      children: [],
      supplier: supplier as ProcessorSupplier,
      stores: [],
    };
    return this.#add(node, parentNames);
  }

  addSink<K, V>(name: string, options: SinkOptions<K, V>, ...parentNames: string[]): this {
    return this.#add(
      { kind: 'sink', name, children: [], sink: options as unknown as SinkOptions },
      parentNames,
    );
  }

  addStateStore(options: StoreOptions, ...processorNames: string[]): this {
    if (this.#stores.has(options.name)) throw new Error(`topology: store ${options.name} is defined twice`);
    this.#stores.set(options.name, { changelog: true, ...options });
    for (const processorName of processorNames) {
      const node = this.#nodes.get(processorName);
      if (node?.kind !== 'processor')
        throw new Error(`topology: store ${options.name}: no processor ${processorName}`);
      node.stores.push(options.name);
    }
    return this;
  }

  node(name: string): TopologyNode {
    const node = this.#nodes.get(name);
    if (!node) throw new Error(`topology: no node named ${name}`);
    return node;
  }

  nodes(): readonly TopologyNode[] {
    return [...this.#nodes.values()];
  }

  sources(): Extract<TopologyNode, { kind: 'source' }>[] {
    return this.nodes().filter((n) => n.kind === 'source');
  }

  sinks(): Extract<TopologyNode, { kind: 'sink' }>[] {
    return this.nodes().filter((n) => n.kind === 'sink');
  }

  stores(): readonly Required<StoreOptions>[] {
    return [...this.#stores.values()];
  }

  #add(node: TopologyNode, parentNames: readonly string[]): this {
    if (this.#nodes.has(node.name)) throw new Error(`topology: a node named ${node.name} exists already`);
    if (node.kind !== 'source' && parentNames.length === 0) {
      throw new Error(`topology: ${node.kind} ${node.name} needs at least one parent`);
    }
    for (const parentName of parentNames) {
      const parent = this.#nodes.get(parentName);
      if (!parent)
        throw new Error(`topology: ${node.name}: parent ${parentName} is not defined (add parents first)`);
      if (parent.kind === 'sink')
        throw new Error(`topology: ${node.name}: sink ${parentName} cannot have children`);
      parent.children.push(node.name);
    }
    this.#nodes.set(node.name, node);
    return this;
  }
}
