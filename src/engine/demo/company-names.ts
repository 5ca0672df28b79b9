/**
 * Fictional company names for the demo portfolio: Brazilian, Spanish-speaking and
 * English-speaking, built from word lists, every one different.
 */
import { uniformInt, type Random } from './sampling';

/** A sector word and whether it goes before the root ("Construtora Horizonte") or after it ("Andes Logística"). */
interface SectorWord {
  readonly word: string;
  readonly before: boolean;
}

interface NameLanguage {
  /** Share of the portfolio named in this language. */
  readonly share: number;
  /** Distinctive words; no root appears in two languages, which keeps names unique across them. */
  readonly roots: readonly string[];
  readonly sectors: readonly SectorWord[];
  /** Legal suffixes with their probability; none otherwise. */
  readonly suffixes: readonly { readonly text: string; readonly p: number }[];
  /** Branch names, used only once every root × sector pair of the language is taken. */
  readonly branches: readonly string[];
}

const before = (...words: string[]): SectorWord[] => words.map((word) => ({ word, before: true }));
const after = (...words: string[]): SectorWord[] => words.map((word) => ({ word, before: false }));

const LANGUAGES: readonly NameLanguage[] = [
  {
    share: 0.45,
    roots: [
      'Serrano', 'Ipê', 'Jacarandá', 'Horizonte', 'Pampa', 'Cerrado', 'Atlântico', 'Mantiqueira', 'Brisa', 'Vale Verde',
      'Sol Nascente', 'Carioca', 'Bandeirante', 'Capixaba', 'Sabiá', 'Araucária', 'Jequitibá', 'Pitanga', 'Caju', 'Buriti',
      'Itapuã', 'Maré Alta', 'Boa Vista', 'Tupã', 'Jangada', 'Mandacaru', 'Piracema', 'Guará', 'Quaresmeira', 'Cambuí',
    ],
    sectors: [
      ...before('Construtora', 'Transportes', 'Distribuidora', 'Clínica', 'Café', 'Laboratório', 'Editora', 'Farmácia', 'Imobiliária', 'Escola'),
      ...after('Logística', 'Alimentos', 'Engenharia', 'Saúde', 'Educação', 'Tecnologia', 'Agro', 'Têxtil', 'Cosméticos', 'Seguros', 'Energia', 'Móveis', 'Turismo', 'Contabilidade'),
    ],
    suffixes: [
      { text: 'Ltda', p: 0.4 },
      { text: 'S.A.', p: 0.08 },
    ],
    branches: ['Nordeste', 'Sul', 'Minas', 'Bahia', 'Paraná', 'Goiás', 'Recife', 'Campinas'],
  },
  {
    share: 0.25,
    roots: [
      'Andes', 'Pacífico', 'Cordillera', 'Patagonia', 'Atacama', 'Mendoza', 'Alba', 'Quetzal', 'Cóndor', 'Ceibo',
      'Caribe', 'Altamira', 'Olivo', 'Sierra Alta', 'Llanura', 'Tamarindo', 'Nopal', 'Alcázar', 'Girasol', 'Montaña Azul',
      'Laguna', 'Volcán', 'Colibrí', 'Algarrobo', 'Huemul', 'Aconcagua', 'Orinoco', 'Yucatán', 'Tierra Firme', 'Río Claro',
    ],
    sectors: [
      ...before('Constructora', 'Distribuidora', 'Clínica', 'Laboratorios', 'Grupo', 'Inmobiliaria', 'Viñedos', 'Hoteles', 'Consultora', 'Farmacia', 'Colegio', 'Editorial'),
      ...after('Logística', 'Soluciones', 'Alimentos', 'Textiles', 'Seguros', 'Energía', 'Agrícola', 'Digital', 'Ingeniería', 'Turismo', 'Salud'),
    ],
    suffixes: [
      { text: 'S.A.', p: 0.25 },
      { text: 'S.R.L.', p: 0.1 },
      { text: 'S.A.S.', p: 0.1 },
      { text: 'SpA', p: 0.05 },
    ],
    branches: ['Lima', 'Bogotá', 'Monterrey', 'Rosario', 'Quito', 'Valparaíso', 'Córdoba', 'Cusco'],
  },
  {
    share: 0.3,
    roots: [
      'Northwind', 'Bluefin', 'Ironbridge', 'Copperleaf', 'Brightwater', 'Redwood', 'Silverline', 'Oakridge', 'Foxglove', 'Summit',
      'Harborview', 'Lakeshore', 'Stonegate', 'Granite', 'Cobalt', 'Juniper', 'Kestrel', 'Lighthouse', 'Meridian', 'Pinecrest',
      'Riverstone', 'Tidewater', 'Wildflower', 'Evergreen', 'Falconer', 'Sterling', 'Highland', 'Blackbird', 'Clearwater', 'Maplewood',
    ],
    sectors: after(
      'Labs', 'Analytics', 'Logistics', 'Foods', 'Health', 'Software', 'Systems', 'Studio', 'Partners', 'Media', 'Robotics', 'Energy',
      'Supply', 'Outfitters', 'Learning', 'Dental', 'Insurance', 'Freight', 'Design', 'Builders', 'Brewing', 'Fitness',
    ),
    suffixes: [
      { text: 'Inc.', p: 0.2 },
      { text: 'LLC', p: 0.12 },
      { text: 'Ltd', p: 0.1 },
      { text: '& Co.', p: 0.05 },
    ],
    branches: ['Austin', 'Denver', 'Leeds', 'Dublin', 'Toronto', 'Seattle', 'Bristol', 'Phoenix'],
  },
];

/**
 * `count` different company names, drawn with `rand`. Within a language, root × sector pairs are
 * used once each (a random pair, or the next free one after it); once every pair is taken, they
 * come round again with a branch ("Northwind Labs Denver"), and beyond the branches with a number.
 * The first names do not depend on `count`.
 */
export function companyNames(rand: Random, count: number): string[] {
  const taken = LANGUAGES.map((l) => ({ used: new Uint8Array(l.roots.length * l.sectors.length), inRound: 0, round: 0 }));
  const names: string[] = [];
  for (let i = 0; i < count; i++) {
    const k = languageIndex(rand());
    const language = LANGUAGES[k]!;
    const state = taken[k]!;
    const pairs = state.used.length;
    if (state.inRound === pairs) {
      state.used.fill(0);
      state.inRound = 0;
      state.round++;
    }
    let slot = uniformInt(rand, 0, pairs - 1);
    while (state.used[slot]) slot = (slot + 1) % pairs;
    state.used[slot] = 1;
    state.inRound++;
    const root = language.roots[Math.floor(slot / language.sectors.length)]!;
    const sector = language.sectors[slot % language.sectors.length]!;
    names.push(composeName(rand, language, root, sector, state.round));
  }
  return names;
}

function languageIndex(u: number): number {
  let cumulative = 0;
  for (let k = 0; k < LANGUAGES.length - 1; k++) {
    cumulative += LANGUAGES[k]!.share;
    if (u < cumulative) return k;
  }
  return LANGUAGES.length - 1;
}

function composeName(rand: Random, language: NameLanguage, root: string, sector: SectorWord, round: number): string {
  const parts = sector.before ? [sector.word, root] : [root, sector.word];
  if (round > 0) {
    const branches = language.branches.length;
    parts.push(language.branches[(round - 1) % branches]!);
    if (round > branches) parts.push(String(Math.ceil(round / branches)));
  }
  const u = rand();
  let cumulative = 0;
  for (const suffix of language.suffixes) {
    cumulative += suffix.p;
    if (u < cumulative) {
      parts.push(suffix.text);
      break;
    }
  }
  return parts.join(' ');
}
