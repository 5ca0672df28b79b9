import { describe, expect, it } from 'vitest';
import { journeyMap } from '../../../src/ui/overview/journey-map';

describe('journeyMap', () => {
  it('counts customers per stage and band, every customer once', () => {
    const band = Uint8Array.from([0, 0, 2, 1, 3, 2, 0]);
    const stages = ['adoption', 'renewal', 'adoption', 'renewal', 'onboarding', ' adoption ', ''];
    const map = journeyMap(band, stages, 4, 'en');
    expect(map).toEqual([
      { stage: 'onboarding', counts: [0, 0, 0, 1], total: 1 },
      { stage: 'adoption', counts: [1, 0, 2, 0], total: 3 },
      { stage: 'renewal', counts: [1, 1, 0, 0], total: 2 },
      { stage: '', counts: [1, 0, 0, 0], total: 1 },
    ]);
    expect(map.reduce((sum, row) => sum + row.total, 0)).toBe(band.length);
  });

  it('orders stages as the journey goes in Portuguese and Spanish too, then the others alphabetically', () => {
    const stages = ['Renovação', 'Piloto', 'Implantação', 'Adoção', 'Beta', 'renovación', 'Incorporación'];
    const map = journeyMap(new Uint8Array(stages.length), stages, 1, 'pt-BR');
    expect(map.map((row) => row.stage)).toEqual(['Implantação', 'Incorporación', 'Adoção', 'Renovação', 'renovación', 'Beta', 'Piloto']);
  });

  it('is empty for an empty portfolio', () => {
    expect(journeyMap(new Uint8Array(0), [], 4, 'en')).toEqual([]);
  });
});
