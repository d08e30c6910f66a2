import { EmissionRecords } from './record-collector';

describe('emission records', () => {
  it('when every slice of the emission ended where the next began, then the record takes the collector', () => {
    const records = new EmissionRecords();
    const first = records.beginSlice('xmas', 0)!;
    records.endSlice('xmas', first, 20);
    expect(records.beginSlice('xmas', 20)).toBe(first);
    records.endSlice('xmas', first, 35);
    expect(records.take('xmas', 35)).toBe(first);
    expect(records.take('xmas', 35)).toBeUndefined();
  });

  it('when a slice failed before it ended, then its retry from the stored rank gets no collector', () => {
    const records = new EmissionRecords();
    records.endSlice('xmas', records.beginSlice('xmas', 0)!, 20);
    records.beginSlice('xmas', 20);
    expect(records.beginSlice('xmas', 20)).toBeUndefined();
  });

  it("when a slice's transaction aborted after it ended, then the stored rank behind it gets no collector", () => {
    const records = new EmissionRecords();
    records.endSlice('xmas', records.beginSlice('xmas', 0)!, 20);
    records.endSlice('xmas', records.beginSlice('xmas', 20)!, 40);
    expect(records.beginSlice('xmas', 20)).toBeUndefined();
    expect(records.take('xmas', 40)).toBeUndefined();
  });

  it('when the emission starts again from the head, then it gets a new collector', () => {
    const records = new EmissionRecords();
    const first = records.beginSlice('xmas', 0)!;
    records.endSlice('xmas', first, 20);
    const again = records.beginSlice('xmas', 0);
    expect(again).toBeDefined();
    expect(again).not.toBe(first);
  });
});
