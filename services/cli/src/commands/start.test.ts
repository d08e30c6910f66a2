import { ConfigError } from '@prizedraw/service';
import { FUSED_PIPELINE, fuseStages, SERVICES, servicesNamed, start } from './start';

describe('prizedraw start', () => {
  it('when all is asked, then every pipeline service runs, in pipeline order', () => {
    expect(servicesNamed(['all'])).toEqual(
      Object.entries(SERVICES)
        .filter(
          ([name]) =>
            ![
              'instant-win',
              'onsite-gateway',
              'message-queue',
              'decisions',
              'notifications',
              'console',
            ].includes(name),
        )
        .map(([, service]) => service),
    );
    expect(Object.keys(SERVICES).slice(0, 6)).toEqual([
      'ingestion',
      'enrichment',
      'dedupe',
      'ticket-rules',
      'ticket-wallet',
      'prize-draw',
    ]);
  });

  it('when all and every other service are asked, then the others run after the pipeline', () => {
    expect(servicesNamed(['all', ...Object.keys(SERVICES)])).toEqual(Object.values(SERVICES));
  });

  it('when instant-win is started without a token secret, then start-up stops naming API_TOKEN_SECRET', async () => {
    const failure = start(['instant-win'], { MYSQL_URL: 'mysql://u:p@127.0.0.1:3307/aramis' });
    await expect(failure).rejects.toThrow(ConfigError);
    await expect(failure).rejects.toThrow(/API_TOKEN_SECRET: /);
  });

  it('when the console is started without a token secret, then start-up stops naming API_TOKEN_SECRET', async () => {
    await expect(start(['console'], {})).rejects.toThrow(/API_TOKEN_SECRET: /);
  });

  describe('fusing the stages keyed by customer', () => {
    const created = (names: readonly string[]) =>
      servicesNamed(names).map((service) => service.create({} as never));
    const namesOf = (services: readonly { name: string }[]) => services.map((s) => s.name);

    it('when all is started, then enrichment, dedupe, ticket-rules and ticket-wallet run as one application where enrichment was', () => {
      expect(namesOf(fuseStages(created(['all']), true))).toEqual([
        'ingestion',
        FUSED_PIPELINE,
        'prize-draw',
        'sca-export',
        'scheduler',
      ]);
    });

    it('when fusing is off, or one of the four is not in the process, then each stage runs as an application of its own', () => {
      expect(namesOf(fuseStages(created(['all']), false))).toEqual(namesOf(created(['all'])));
      const three = created(['enrichment', 'dedupe', 'ticket-rules']);
      expect(fuseStages(three, true)).toEqual(three);
    });

    it('when FUSE_STAGES is neither true nor false, then start-up stops naming it', async () => {
      await expect(start(['ticket-rules'], { FUSE_STAGES: 'yes' })).rejects.toThrow(/FUSE_STAGES: /);
    });
  });

  it('when a service is named twice, then it runs once', () => {
    expect(servicesNamed(['dedupe', 'dedupe'])).toEqual([SERVICES.dedupe]);
  });

  it('when a name is unknown, then start-up stops listing the known ones', () => {
    expect(() => servicesNamed(['ingestion', 'wallet'])).toThrow(
      /unknown service wallet: choose from ingestion, /,
    );
  });

  it("when a named service's own setting is invalid, then start-up stops naming the variable", async () => {
    const failure = start(['ingestion', 'dedupe'], { DEDUPE_RETENTION_MS: 'a day' });
    await expect(failure).rejects.toThrow(ConfigError);
    await expect(failure).rejects.toThrow(/DEDUPE_RETENTION_MS: .*\(got "a day"\)/);
  });

  it('when a setting belongs to a service not started, then it is not checked', async () => {
    const failure = start(['ingestion'], { DEDUPE_RETENTION_MS: 'a day', PARTITIONS: 'eight' });
    await expect(failure).rejects.toThrow(/PARTITIONS/);
    await expect(failure).rejects.not.toThrow(/DEDUPE_RETENTION_MS/);
  });
});
