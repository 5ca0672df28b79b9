import type { Catalogue } from './en';

export const ptBR: Catalogue = {
  'app.name': 'Pulso',
  'app.tagline': 'Health score de clientes que roda no seu navegador',
  'app.intro':
    'Monte um health score para seus clientes, aplique-o à sua carteira e aja — sem servidor, sem conta e sem internet depois de carregado.',
  'app.status': 'O motor de pontuação está pronto; as telas estão a caminho.',
  'language.label': 'Idioma',
};
