import type { ValidatedEvent } from '@prizedraw/events';
import type { ProcessorContext } from '@prizedraw/stream';
import type { Logger } from 'pino';
import type { DrawDefinitions } from './draw-definitions';
import { type ParkingConfig, parkingConfigSchema } from './parking-config';
import type { ParkingSlot } from './parking-keys';
import { type Parked, ParkingLot, type Release } from './parking-lot';
import type { ParkingMetrics } from './parking-metrics';

/** The timing settings of {@link Parking}. */
export interface ParkingSettings {
  /** How long a record waits for a draw, ms. */
  readonly retentionMs: number;
  /** How long a marker waits for its draw's definition to reach the table, ms. */
  readonly definitionWaitMs: number;
  /** How often (wall clock) an idle task looks for table changes, ms. */
  readonly checkIntervalMs: number;
  /** How often (wall clock) expired records are looked for, ms. */
  readonly expiryIntervalMs: number;
  /** Most records one expiry punctuation expires. */
  readonly expiryBatchSize: number;
  /** The wall clock records are parked by; default `Date.now` (a test passes its driver's clock). */
  readonly now?: () => number;
}

/** What a topology hands the processor that parks: the table, the settings, and where to report. */
export interface ParkingSetup {
  readonly definitions: DrawDefinitions;
  readonly settings: ParkingSettings;
  readonly metrics?: ParkingMetrics | undefined;
  readonly logger?: Logger | undefined;
}

/** What differs between the stages that park. */
export interface ParkingStage {
  /** The task's parking store (changelog-backed). */
  readonly storeName: string;
  /** `ingestion` or `enrichment`: the metrics' stage label. */
  readonly stage: string;
  /** Processes a released record as a fresh one would be, with the draws it now counts for. */
  readonly release: Release;
  /** Sends an expired record on (to the unmatched topic). */
  readonly onExpired: (parked: Parked) => Promise<void>;
}

/**
 * What a stage that matches activity against draw definitions does with activity of no known draw: parks it
 * in a {@link ParkingLot} and releases it, before anything that comes after it, once a draw of its is known:
 * at the next record after the table changed, on a wall-clock punctuation when the task is idle, and before
 * a draw marker is forwarded (so the marker still follows everything that counts for its draw).
 */
export class Parking {
  readonly #setup: ParkingSetup;
  readonly #stage: ParkingStage;
  readonly #lot: ParkingLot;
  readonly #release: Release;

  private constructor(context: ProcessorContext<unknown, unknown>, setup: ParkingSetup, stage: ParkingStage) {
    this.#setup = setup;
    this.#stage = stage;
    const store = context.getStateStore(stage.storeName);
    this.#lot = new ParkingLot(store, setup.definitions, setup.settings.retentionMs);
    this.#release = async (parked, draws) => {
      setup.metrics?.released.inc({ stage: stage.stage });
      await stage.release(parked, draws);
    };
  }

  /** A task's parking, with its punctuations scheduled on `context`; call from the processor's `init`. */
  static attach<K, V>(context: ProcessorContext<K, V>, setup: ParkingSetup, stage: ParkingStage): Parking {
    const untyped = context as unknown as ProcessorContext<unknown, unknown>;
    const parking = new Parking(untyped, setup, stage);
    const { checkIntervalMs, expiryIntervalMs } = setup.settings;
    untyped.schedule(checkIntervalMs, 'wall-clock', () => parking.catchUp());
    untyped.schedule(expiryIntervalMs, 'wall-clock', (now) => parking.#expire(now));
    return parking;
  }

  /**
   * Releases what a draw defined since the last look may count; call before handling a record. Undefined
   * (no promise to await) when the table did not change.
   */
  catchUp(): Promise<void> | undefined {
    return this.#lot.releaseChanged(this.#release);
  }

  /**
   * Before a marker of `drawId` is forwarded: waits (bounded) for the draw's definition, which the trigger
   * fan-out saw but this process's table may not have yet, then releases what it may count.
   */
  async beforeMarker(drawId: string): Promise<void> {
    const { definitions, settings, logger } = this.#setup;
    const waitMs = settings.definitionWaitMs;
    if (!definitions.get(drawId) && !(await definitions.whenDefined(drawId, waitMs))) {
      logger?.warn(
        { drawId, stage: this.#stage.stage, waitedMs: waitMs },
        'marker of a draw this process does not know yet: forwarded; its parked activity will count late',
      );
    }
    await this.catchUp();
  }

  /** Parks a record that no known draw counts for. */
  park(slot: ParkingSlot, key: string | null, event: ValidatedEvent): Parked {
    const { metrics, settings } = this.#setup;
    metrics?.parked.inc({ stage: this.#stage.stage, type: event.type });
    return this.#lot.park(slot, key, event, (settings.now ?? Date.now)());
  }

  async #expire(now: number): Promise<void> {
    const { settings, metrics } = this.#setup;
    await this.#lot.expire(now, settings.expiryBatchSize, async (parked) => {
      metrics?.expired.inc({ stage: this.#stage.stage, type: parked.event.type });
      await this.#stage.onExpired(parked);
    });
  }
}

/**
 * The parking settings of a service: retention and definition wait from its configuration (defaults as in
 * {@link parkingConfigSchema}), a look for table changes every second, expiry every minute, 10,000 at most.
 */
export function parkingSettings(
  config: Partial<ParkingConfig> = {},
  overrides: Partial<ParkingSettings> = {},
): ParkingSettings {
  const { PARKING_RETENTION_MS, DEFINITION_WAIT_MS } = parkingConfigSchema.parse(config);
  return {
    retentionMs: PARKING_RETENTION_MS,
    definitionWaitMs: DEFINITION_WAIT_MS,
    checkIntervalMs: 1_000,
    expiryIntervalMs: 60_000,
    expiryBatchSize: 10_000,
    ...overrides,
  };
}
