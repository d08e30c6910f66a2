import type { ProcessorSupplier } from './processor';
import type { Adopter, Deserializer, Partitioner, Serializer } from './serdes';

/** Options of a source node: the topic it reads and how its messages become records. */
export interface SourceOptions<K = string | null, V = unknown> {
  topic: string;
  deserializer: Deserializer<K, V>;
  /** When linked ({@link Topology.fuse}): reads a record from the value a sink gave before encoding it. */
  adopt?: Adopter<K, V>;
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
  | {
      kind: 'source';
      name: string;
      children: string[];
      source: SourceOptions;
      /** Fed in-process by a sink of the same topology ({@link Topology.fuse}), not read from Kafka. */
      linked?: boolean;
    }
  | { kind: 'processor'; name: string; children: string[]; supplier: ProcessorSupplier; stores: string[] }
  | { kind: 'sink'; name: string; children: string[]; sink: SinkOptions };

type SourceNode = Extract<TopologyNode, { kind: 'source' }>;

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

  /**
   * Kafka Streams' sub-topology for stages that share a partitioning: the parts in one topology, run by one
   * task per partition in one transaction per input batch. A source of a later part that reads a topic a
   * sink of an earlier part writes is linked: each record that sink writes is also deserialized by that
   * source and processed at once, in the task that wrote it, instead of being read back from Kafka. The
   * topic is still written for everyone else. Such a record must belong to the task's own partition (the
   * task fails otherwise: the stages are not co-partitioned and must run apart). Node and store names must
   * not clash across the parts, but for linked sources, which are renamed `<name>@link`. Inside a linked
   * part, a processor's recordMetadata() is the input record's, as in Kafka Streams, and an input error
   * there dead-letters that input record.
   */
  static fuse(parts: readonly Topology[]): Topology {
    const fused = new Topology();
    const written = new Set<string>();
    for (const part of parts) {
      const renamed = new Map<string, string>();
      const parents = new Map<string, string[]>();
      for (const node of part.nodes())
        for (const child of node.children) parents.set(child, [...(parents.get(child) ?? []), node.name]);
      for (const node of part.nodes()) {
        const from = (parents.get(node.name) ?? []).map((name) => renamed.get(name) ?? name);
        if (node.kind === 'processor') fused.addProcessor(node.name, node.supplier, ...from);
        else if (node.kind === 'sink') fused.addSink(node.name, node.sink, ...from);
        else if (!written.has(node.source.topic)) fused.addSource(node.name, node.source);
        else {
          renamed.set(node.name, `${node.name}@link`);
          fused.#addSource(`${node.name}@link`, node.source, true);
        }
      }
      for (const store of part.stores()) {
        const users = part.nodes().filter((n) => n.kind === 'processor' && n.stores.includes(store.name));
        fused.addStateStore(store, ...users.map((n) => n.name));
      }
      for (const sink of part.sinks()) written.add(sink.sink.topic);
    }
    return fused;
  }

  addSource<K, V>(name: string, options: SourceOptions<K, V>): this {
    return this.#addSource(name, options as SourceOptions, false);
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

  /** The sources read from Kafka. */
  sources(): SourceNode[] {
    return this.#sourceNodes().filter((n) => n.linked !== true);
  }

  /** The sources fed in-process by a sink of this topology ({@link Topology.fuse}). */
  linkedSources(): SourceNode[] {
    return this.#sourceNodes().filter((n) => n.linked === true);
  }

  sinks(): Extract<TopologyNode, { kind: 'sink' }>[] {
    return this.nodes().filter((n) => n.kind === 'sink');
  }

  stores(): readonly Required<StoreOptions>[] {
    return [...this.#stores.values()];
  }

  #sourceNodes(): SourceNode[] {
    return this.nodes().filter((n) => n.kind === 'source');
  }

  #addSource(name: string, source: SourceOptions, linked: boolean): this {
    if (this.#sourceNodes().some((n) => n.source.topic === source.topic)) {
      throw new Error(`topology: topic ${source.topic} already has a source`);
    }
    return this.#add({ kind: 'source', name, children: [], source, ...(linked && { linked }) }, []);
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
