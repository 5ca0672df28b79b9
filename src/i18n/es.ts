import type { Catalogue } from './en';

export const es: Catalogue = {
  'app.name': 'Pulso',
  'app.tagline': 'Health score de clientes que funciona en tu navegador',
  'app.intro':
    'Crea un health score para tus clientes, aplícalo a tu cartera y actúa — sin servidor, sin cuenta y sin red una vez cargado.',
  'app.status': 'El motor de puntuación está listo; las pantallas están en camino.',
  'language.label': 'Idioma',
};
