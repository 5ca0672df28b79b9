/**
 * The default playbooks' words (DOMAIN.md "Execute": what to do for each band), in every language.
 * They are stored in the user's language when the default playbooks are first created; the user
 * can edit them like any playbook. English is the reference: the other two have exactly its keys.
 */
const en = {
  'playbook.default.red.name': 'Red: contact now',
  'playbook.default.red.title': 'Contact now and find the cause',
  'playbook.default.red.description': 'The customer is in the red band. Call or meet them this week, find out what is wrong, and agree on a recovery plan.',
  'playbook.default.yellow.name': 'Yellow: check in',
  'playbook.default.yellow.title': 'Check in and improve the experience',
  'playbook.default.yellow.description': 'The customer is in the yellow band. Check in, look at what pulls the score down, and fix one thing in their experience.',
  'playbook.default.advocates.name': 'Green with high NPS: advocates',
  'playbook.default.advocates.title': 'Ask for a referral, a review or a case study',
  'playbook.default.advocates.description': 'The customer is healthy and gave an NPS of 9 or 10. Ask them for a referral, a public review or a case study.',
  'playbook.default.upgrade.name': 'Green near renewal: upgrade',
  'playbook.default.upgrade.title': 'Offer an upgrade',
  'playbook.default.upgrade.description': 'The customer is healthy and renews within 90 days. Offer a plan or product that fits how they use it.',
} as const;

export const playbookDefaultsEn = en;

export const playbookDefaultsPtBR: Readonly<Record<keyof typeof en, string>> = {
  'playbook.default.red.name': 'Vermelho: contatar já',
  'playbook.default.red.title': 'Entrar em contato agora e descobrir a causa',
  'playbook.default.red.description': 'O cliente está na faixa vermelha. Ligue ou marque uma reunião nesta semana, descubra o que está errado e combine um plano de recuperação.',
  'playbook.default.yellow.name': 'Amarelo: acompanhar',
  'playbook.default.yellow.title': 'Fazer contato e melhorar a experiência',
  'playbook.default.yellow.description': 'O cliente está na faixa amarela. Faça contato, veja o que puxa a nota para baixo e melhore um ponto da experiência dele.',
  'playbook.default.advocates.name': 'Verde com NPS alto: promotores',
  'playbook.default.advocates.title': 'Pedir uma indicação, uma avaliação ou um caso de sucesso',
  'playbook.default.advocates.description': 'O cliente está saudável e deu NPS 9 ou 10. Peça uma indicação, uma avaliação pública ou um caso de sucesso.',
  'playbook.default.upgrade.name': 'Verde perto da renovação: upgrade',
  'playbook.default.upgrade.title': 'Oferecer um upgrade',
  'playbook.default.upgrade.description': 'O cliente está saudável e renova em até 90 dias. Ofereça um plano ou produto que combine com o uso que ele faz.',
};

export const playbookDefaultsEs: Readonly<Record<keyof typeof en, string>> = {
  'playbook.default.red.name': 'Rojo: contactar ya',
  'playbook.default.red.title': 'Contactar ahora y encontrar la causa',
  'playbook.default.red.description': 'El cliente está en la banda roja. Llama o reúnete con él esta semana, averigua qué va mal y acordad un plan de recuperación.',
  'playbook.default.yellow.name': 'Amarillo: hacer seguimiento',
  'playbook.default.yellow.title': 'Hacer seguimiento y mejorar la experiencia',
  'playbook.default.yellow.description': 'El cliente está en la banda amarilla. Contacta con él, mira qué baja la puntuación y mejora un aspecto de su experiencia.',
  'playbook.default.advocates.name': 'Verde con NPS alto: promotores',
  'playbook.default.advocates.title': 'Pedir una recomendación, una reseña o un caso de éxito',
  'playbook.default.advocates.description': 'El cliente está sano y dio un NPS de 9 o 10. Pídele una recomendación, una reseña pública o un caso de éxito.',
  'playbook.default.upgrade.name': 'Verde cerca de la renovación: ampliación',
  'playbook.default.upgrade.title': 'Ofrecer una ampliación',
  'playbook.default.upgrade.description': 'El cliente está sano y renueva en 90 días o menos. Ofrécele un plan o producto que encaje con su uso.',
};
