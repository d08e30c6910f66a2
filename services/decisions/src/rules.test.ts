import { DEFAULT_RULES_FILE } from './config';
import { decide } from './decide';
import { loadRules, parseRules } from './rules';

const won = {
  id: 'xmas:result:acc-1',
  type: 'prizedraw.draw-result.v1',
  time: '2026-12-24T18:00:00Z',
  data: { drawId: 'xmas', accountId: 'acc-1', outcome: 'won', prize: { prizeId: 'car', name: 'A car' } },
};

describe('decision rules', () => {
  it('when the shipped rules file is loaded, then it decides won, lost, milestones and unqualifications', () => {
    const rules = loadRules(DEFAULT_RULES_FILE);
    expect(decide(won, rules)).toEqual({
      status: 'DECISION',
      eventId: won.id,
      rule: 'draw-won',
      messageType: 'REWARD_AWARDED',
      deliveryPreference: 'full-screen',
      template: 'draw-won',
      expiresAt: '2026-12-31T18:00:00.000Z',
    });
    const lost = { ...won, data: { ...won.data, outcome: 'lost', prize: null } };
    expect(decide(lost, rules)).toMatchObject({ rule: 'draw-lost', messageType: 'DRAW_RESULT' });
    const count = { ...won, type: 'prizedraw.ticket-count.v1', data: { milestone: true } };
    expect(decide(count, rules)).toMatchObject({ messageType: 'MILESTONE', deliveryPreference: 'toast' });
    expect(decide({ ...count, data: { milestone: false } }, rules)).toEqual({
      status: 'NO_DECISION',
      eventId: won.id,
    });
    const unqualified = { ...won, type: 'prizedraw.unqualification.v1', data: { week: 1 } };
    expect(decide(unqualified, rules)).toMatchObject({ messageType: 'UNQUALIFICATION' });
    expect(decide({ ...won, type: 'prizedraw.draw-completed.v1' }, rules).status).toBe('NO_DECISION');
  });

  it('when a rule lists values at a dotted path, then only those match, and no delivery preference stays absent', () => {
    const rules = parseRules(
      [
        'rules:',
        '  - id: big-prizes',
        '    eventType: prizedraw.draw-result.v1',
        '    when: { prize.prizeId: [car, boat] }',
        '    messageType: REWARD_AWARDED',
        '    expiresAfter: 90s',
        '    template: big-win',
      ].join('\n'),
      'inline',
    );
    const decision = decide(won, rules);
    expect(decision).toMatchObject({ template: 'big-win', expiresAt: '2026-12-24T18:01:30.000Z' });
    expect(decision).not.toHaveProperty('deliveryPreference');
    const bike = { ...won, data: { ...won.data, prize: { prizeId: 'bike', name: 'A bike' } } };
    expect(decide(bike, rules).status).toBe('NO_DECISION');
  });

  it('when a rule is invalid, then the error names the file, the rule and the field', () => {
    const text = [
      'rules:',
      '  - id: draw-won',
      '    eventType: prizedraw.draw-result.v1',
      '    messageType: REWARD',
      '    deliveryPreference: popup',
      '    expiresAfter: 7 days',
      '  - eventType: x',
      '    messageType: MILESTONE',
      '    expiresAfter: 1d',
    ].join('\n');
    const error = (() => {
      try {
        parseRules(text, 'rules.yaml');
      } catch (thrown) {
        return thrown as Error;
      }
    })();
    expect(error?.name).toBe('RulesError');
    expect(error?.message).toMatch(/^rules\.yaml: invalid rules:/);
    expect(error?.message).toContain('rule draw-won (rules[0]) field messageType:');
    expect(error?.message).toContain('rule draw-won (rules[0]) field deliveryPreference:');
    expect(error?.message).toContain(
      'rule draw-won (rules[0]) field expiresAfter: Expected a duration such as',
    );
    expect(error?.message).toContain('rules[1] field id:');
  });

  it('when two rules share an id, then the error names the second', () => {
    const rule = (eventType: string) =>
      `  - { id: same, eventType: ${eventType}, messageType: MILESTONE, expiresAfter: 1d }`;
    expect(() => parseRules(['rules:', rule('a'), rule('b')].join('\n'), 'rules.yaml')).toThrow(
      'rule same (rules[1]) field id: Duplicate rule id same',
    );
  });

  it('when the file is missing or not YAML, then the error says so', () => {
    expect(() => loadRules('/nonexistent/rules.yaml')).toThrow(
      /rules\.yaml: cannot read the rules file \(ENOENT\)/,
    );
    expect(() => parseRules('rules: [', 'bad.yaml')).toThrow(/^bad\.yaml: not YAML/);
  });
});
