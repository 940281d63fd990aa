import type { Locale } from './locale';

/** An explanation of a situation with what the guest can do about it. */
export interface Advice {
  title: string;
  body: string;
}

export type AdviceKind =
  | 'exception'
  | 'failed_attempt'
  | 'available_for_pickup'
  | 'returned_to_sender'
  | 'cancelled'
  | 'expired'
  | 'unknown'
  | 'delayed'
  | 'stalled'
  | 'slower_than_usual'
  | 'tracking_problem';

/** Every sentence of the guest pages (status, lookup, preferences) in one language. */
export interface GuestPageText {
  languageName: string;
  skipToContent: string;
  pageTitle: (orderNumber: string, merchant: string) => string;
  orderHeading: (orderNumber: string) => string;
  shippingTo: (place: string) => string;
  itemsHeading: string;
  notShippedYet: string;
  packageOf: (index: number, total: number) => string;
  progressLabel: string;
  progressValue: (step: number, total: number, label: string) => string;
  steps: {
    ordered: string;
    shipped: string;
    outForDelivery: string;
    pickup: string;
    delivered: string;
  };
  estimatedDelivery: string;
  deliveredOn: (date: string) => string;
  etaUnknown: string;
  originallyExpected: (date: string) => string;
  /** Labels a delivery window Porchlight estimated itself (the carrier gave no date). */
  ourEstimate: string;
  latestUpdate: string;
  carrier: string;
  trackingNumber: string;
  carrierLink: (carrier: string) => string;
  unknownCarrier: string;
  history: string;
  timesShownIn: (timeZone: string) => string;
  offsetUnknown: string;
  noEvents: string;
  checked: (relative: string) => string;
  checkedJustNow: string;
  notCheckedYet: string;
  advice: Record<AdviceKind, Advice>;
  helpHeading: string;
  contactMerchant: (merchant: string) => string;
  helpCenter: string;
  preferencesLink: string;
  lookupLink: string;
  privacyNote: string;
  languageNav: string;
  liveUpdated: string;
  notFoundTitle: string;
  notFoundBody: string;
  lookupTitle: string;
  lookupIntro: string;
  orderNumber: string;
  email: string;
  or: string;
  postalCode: string;
  lookupSubmit: string;
  lookupMiss: string;
  lookupNeedProof: string;
  formExpired: string;
  tooManyTitle: string;
  tooManyBody: string;
  preferencesTitle: string;
  preferencesIntro: (orderNumber: string) => string;
  channelsLegend: string;
  channelEmail: string;
  channelSms: string;
  smsUnavailable: string;
  levelLegend: string;
  levelAll: string;
  levelKey: string;
  stopAll: string;
  stopAllHint: string;
  save: string;
  saved: string;
  backToTracking: string;
  errorTitle: string;
}

const en: GuestPageText = {
  languageName: 'English',
  skipToContent: 'Skip to content',
  pageTitle: (n, m) => `Order ${n} · ${m}`,
  orderHeading: (n) => `Order ${n}`,
  shippingTo: (place) => `Shipping to ${place}`,
  itemsHeading: 'In this order',
  notShippedYet: 'Your order is being prepared. Tracking appears here as soon as it ships.',
  packageOf: (i, n) => `Package ${i} of ${n}`,
  progressLabel: 'Delivery progress',
  progressValue: (s, n, label) => `Step ${s} of ${n}: ${label}`,
  steps: {
    ordered: 'Ordered',
    shipped: 'Shipped',
    outForDelivery: 'Out for delivery',
    pickup: 'Ready for pickup',
    delivered: 'Delivered',
  },
  estimatedDelivery: 'Estimated delivery',
  deliveredOn: (d) => `Delivered on ${d}`,
  etaUnknown: 'The carrier has not given a delivery date yet.',
  originallyExpected: (d) => `Originally expected ${d}`,
  ourEstimate:
    'Porchlight’s estimate from recent deliveries on this route; the carrier has not given a date.',
  latestUpdate: 'Latest update',
  carrier: 'Carrier',
  trackingNumber: 'Tracking number',
  carrierLink: (c) => `Open on ${c}`,
  unknownCarrier: 'Carrier',
  history: 'Shipment history',
  timesShownIn: (tz) => `Times shown in ${tz}.`,
  offsetUnknown: 'time zone not given by the carrier',
  noEvents: 'No scans yet. They will appear here as your package moves.',
  checked: (rel) => `Checked with the carrier ${rel}`,
  checkedJustNow: 'Checked with the carrier just now',
  notCheckedYet: 'Waiting for the first update from the carrier',
  advice: {
    exception: {
      title: 'There is a problem with this delivery',
      body: 'The carrier reported an issue (for example a delay, damage or an address question). Check the latest update below; if the carrier asks for something, follow its link. Otherwise contact us and we will sort it out.',
    },
    failed_attempt: {
      title: 'The carrier tried to deliver',
      body: 'Nobody could take the package. The carrier usually tries again on the next business day. You can also use the carrier link to reschedule or pick another place.',
    },
    available_for_pickup: {
      title: 'Your package is waiting for you',
      body: 'Bring an ID and your tracking number to the pickup point shown in the latest update. Packages are usually held for a limited time.',
    },
    returned_to_sender: {
      title: 'This package is going back to us',
      body: 'The carrier could not deliver it. Contact us and we will arrange a new delivery or a refund.',
    },
    cancelled: {
      title: 'This shipment was cancelled',
      body: 'The carrier will not deliver this package. Contact us if you did not expect this.',
    },
    expired: {
      title: 'No news from the carrier for a while',
      body: 'The carrier has stopped reporting on this package. Contact us and we will look into it.',
    },
    unknown: {
      title: 'We could not read the latest status',
      body: 'The carrier reported something we could not interpret. The full history is below, or check the carrier link.',
    },
    delayed: {
      title: 'Running late',
      body: 'The carrier moved the delivery date. Nothing is needed from you; we will keep you posted.',
    },
    slower_than_usual: {
      title: 'Taking longer than usual',
      body: 'The package has gone without a scan for longer than parcels on this route usually do. The estimate above already allows for it; we will tell you as soon as it moves.',
    },
    stalled: {
      title: 'Waiting for the next scan',
      body: 'The package has not been scanned for a few days. This is usually a busy depot; we will tell you as soon as it moves.',
    },
    tracking_problem: {
      title: 'We cannot reach the carrier right now',
      body: 'The information below may be out of date. Use the carrier link for the latest, or contact us.',
    },
  },
  helpHeading: 'Need help?',
  contactMerchant: (m) => `Contact ${m}`,
  helpCenter: 'Help center',
  preferencesLink: 'Choose which updates you get',
  lookupLink: 'Track another order',
  privacyNote: 'This private link shows delivery details only. Please do not share it.',
  languageNav: 'Language',
  liveUpdated: 'Tracking updated.',
  notFoundTitle: 'We could not find that tracking page',
  notFoundBody:
    'The link may be incomplete or no longer active. You can still look up your order with its number.',
  lookupTitle: 'Track your order',
  lookupIntro:
    'Enter your order number and either the email address or the postal code used for the order.',
  orderNumber: 'Order number',
  email: 'Email address',
  or: 'or',
  postalCode: 'Postal code',
  lookupSubmit: 'Find my order',
  lookupMiss: 'We could not find an order with those details. Please check them and try again.',
  lookupNeedProof: 'Enter the order number and the email address or the postal code.',
  formExpired: 'This form expired. Please try again.',
  tooManyTitle: 'Too many attempts',
  tooManyBody: 'Please wait a few minutes and try again.',
  preferencesTitle: 'Your delivery updates',
  preferencesIntro: (n) => `Choose how we keep you posted about order ${n}.`,
  channelsLegend: 'Send updates by',
  channelEmail: 'Email',
  channelSms: 'Text message (SMS)',
  smsUnavailable: 'Text messages are not available for this order.',
  levelLegend: 'Which updates',
  levelAll: 'Every update',
  levelKey: 'Key moments only: shipped, out for delivery, delivered and problems',
  stopAll: 'Stop all updates for this order',
  stopAllHint: 'You can still check this page at any time.',
  save: 'Save my choices',
  saved: 'Saved. Your choices apply from the next update.',
  backToTracking: 'Back to tracking',
  errorTitle: 'Something went wrong',
};

const es: GuestPageText = {
  languageName: 'Español',
  skipToContent: 'Ir al contenido',
  pageTitle: (n, m) => `Pedido ${n} · ${m}`,
  orderHeading: (n) => `Pedido ${n}`,
  shippingTo: (place) => `Envío a ${place}`,
  itemsHeading: 'En este pedido',
  notShippedYet: 'Estamos preparando tu pedido. El seguimiento aparecerá aquí en cuanto salga.',
  packageOf: (i, n) => `Paquete ${i} de ${n}`,
  progressLabel: 'Progreso de la entrega',
  progressValue: (s, n, label) => `Paso ${s} de ${n}: ${label}`,
  steps: {
    ordered: 'Pedido',
    shipped: 'Enviado',
    outForDelivery: 'En reparto',
    pickup: 'Listo para recoger',
    delivered: 'Entregado',
  },
  estimatedDelivery: 'Entrega estimada',
  deliveredOn: (d) => `Entregado el ${d}`,
  etaUnknown: 'El transportista aún no ha indicado una fecha de entrega.',
  originallyExpected: (d) => `Previsto inicialmente para el ${d}`,
  ourEstimate:
    'Estimación de Porchlight según entregas recientes en esta ruta; el transportista no ha indicado fecha.',
  latestUpdate: 'Última novedad',
  carrier: 'Transportista',
  trackingNumber: 'Número de seguimiento',
  carrierLink: (c) => `Ver en ${c}`,
  unknownCarrier: 'Transportista',
  history: 'Historial del envío',
  timesShownIn: (tz) => `Horas en ${tz}.`,
  offsetUnknown: 'el transportista no indicó la zona horaria',
  noEvents: 'Aún no hay escaneos. Aparecerán aquí a medida que avance tu paquete.',
  checked: (rel) => `Consultado con el transportista ${rel}`,
  checkedJustNow: 'Consultado con el transportista hace un momento',
  notCheckedYet: 'Esperando la primera novedad del transportista',
  advice: {
    exception: {
      title: 'Hay un problema con esta entrega',
      body: 'El transportista informó de una incidencia (por ejemplo un retraso, un daño o una duda sobre la dirección). Revisa la última novedad; si el transportista te pide algo, usa su enlace. Si no, contáctanos y lo resolveremos.',
    },
    failed_attempt: {
      title: 'El transportista intentó entregarlo',
      body: 'No había nadie para recibir el paquete. Normalmente lo intentará de nuevo el siguiente día hábil. También puedes usar el enlace del transportista para cambiar la fecha o el lugar.',
    },
    available_for_pickup: {
      title: 'Tu paquete te está esperando',
      body: 'Lleva un documento de identidad y tu número de seguimiento al punto de recogida indicado en la última novedad. Los paquetes se guardan solo durante un tiempo limitado.',
    },
    returned_to_sender: {
      title: 'Este paquete vuelve a nosotros',
      body: 'El transportista no pudo entregarlo. Contáctanos y organizaremos un nuevo envío o un reembolso.',
    },
    cancelled: {
      title: 'Este envío se ha cancelado',
      body: 'El transportista no entregará este paquete. Contáctanos si no lo esperabas.',
    },
    expired: {
      title: 'Sin noticias del transportista desde hace tiempo',
      body: 'El transportista ha dejado de informar sobre este paquete. Contáctanos y lo revisaremos.',
    },
    unknown: {
      title: 'No pudimos interpretar el último estado',
      body: 'El transportista informó de algo que no pudimos interpretar. Abajo tienes el historial completo, o consulta el enlace del transportista.',
    },
    delayed: {
      title: 'Va con retraso',
      body: 'El transportista cambió la fecha de entrega. No tienes que hacer nada; te mantendremos informado.',
    },
    slower_than_usual: {
      title: 'Tarda más de lo habitual',
      body: 'El paquete lleva más tiempo sin escanearse de lo que suelen tardar los envíos en esta ruta. La estimación de arriba ya lo tiene en cuenta; te avisaremos en cuanto se mueva.',
    },
    stalled: {
      title: 'Esperando el siguiente escaneo',
      body: 'El paquete no se ha escaneado en unos días. Suele deberse a un centro con mucho trabajo; te avisaremos en cuanto se mueva.',
    },
    tracking_problem: {
      title: 'Ahora mismo no podemos contactar con el transportista',
      body: 'La información puede no estar al día. Usa el enlace del transportista para ver lo último, o contáctanos.',
    },
  },
  helpHeading: '¿Necesitas ayuda?',
  contactMerchant: (m) => `Contactar con ${m}`,
  helpCenter: 'Centro de ayuda',
  preferencesLink: 'Elige qué avisos recibes',
  lookupLink: 'Seguir otro pedido',
  privacyNote: 'Este enlace privado solo muestra datos de la entrega. No lo compartas.',
  languageNav: 'Idioma',
  liveUpdated: 'Seguimiento actualizado.',
  notFoundTitle: 'No encontramos esa página de seguimiento',
  notFoundBody:
    'Puede que el enlace esté incompleto o ya no esté activo. Aún puedes buscar tu pedido con su número.',
  lookupTitle: 'Sigue tu pedido',
  lookupIntro:
    'Introduce el número de pedido y el correo electrónico o el código postal del pedido.',
  orderNumber: 'Número de pedido',
  email: 'Correo electrónico',
  or: 'o',
  postalCode: 'Código postal',
  lookupSubmit: 'Buscar mi pedido',
  lookupMiss: 'No encontramos ningún pedido con esos datos. Revísalos e inténtalo de nuevo.',
  lookupNeedProof: 'Introduce el número de pedido y el correo electrónico o el código postal.',
  formExpired: 'El formulario ha caducado. Inténtalo de nuevo.',
  tooManyTitle: 'Demasiados intentos',
  tooManyBody: 'Espera unos minutos y vuelve a intentarlo.',
  preferencesTitle: 'Tus avisos de entrega',
  preferencesIntro: (n) => `Elige cómo te informamos sobre el pedido ${n}.`,
  channelsLegend: 'Enviar avisos por',
  channelEmail: 'Correo electrónico',
  channelSms: 'Mensaje de texto (SMS)',
  smsUnavailable: 'Los SMS no están disponibles para este pedido.',
  levelLegend: 'Qué avisos',
  levelAll: 'Todas las novedades',
  levelKey: 'Solo los momentos clave: enviado, en reparto, entregado y problemas',
  stopAll: 'Dejar de recibir avisos de este pedido',
  stopAllHint: 'Podrás seguir consultando esta página cuando quieras.',
  save: 'Guardar mis preferencias',
  saved: 'Guardado. Tus preferencias se aplican desde el próximo aviso.',
  backToTracking: 'Volver al seguimiento',
  errorTitle: 'Algo salió mal',
};

const fr: GuestPageText = {
  languageName: 'Français',
  skipToContent: 'Aller au contenu',
  pageTitle: (n, m) => `Commande ${n} · ${m}`,
  orderHeading: (n) => `Commande ${n}`,
  shippingTo: (place) => `Livraison à ${place}`,
  itemsHeading: 'Dans cette commande',
  notShippedYet: "Votre commande est en préparation. Le suivi s'affichera ici dès son expédition.",
  packageOf: (i, n) => `Colis ${i} sur ${n}`,
  progressLabel: 'Avancement de la livraison',
  progressValue: (s, n, label) => `Étape ${s} sur ${n} : ${label}`,
  steps: {
    ordered: 'Commandé',
    shipped: 'Expédié',
    outForDelivery: 'En livraison',
    pickup: 'Prêt à être retiré',
    delivered: 'Livré',
  },
  estimatedDelivery: 'Livraison estimée',
  deliveredOn: (d) => `Livré le ${d}`,
  etaUnknown: "Le transporteur n'a pas encore donné de date de livraison.",
  originallyExpected: (d) => `Prévu initialement le ${d}`,
  ourEstimate:
    'Estimation de Porchlight d’après les livraisons récentes sur ce trajet ; le transporteur n’a pas donné de date.',
  latestUpdate: 'Dernière mise à jour',
  carrier: 'Transporteur',
  trackingNumber: 'Numéro de suivi',
  carrierLink: (c) => `Voir chez ${c}`,
  unknownCarrier: 'Transporteur',
  history: 'Historique du colis',
  timesShownIn: (tz) => `Heures affichées pour ${tz}.`,
  offsetUnknown: 'fuseau horaire non fourni par le transporteur',
  noEvents: 'Aucun scan pour le moment. Ils apparaîtront ici au fil du trajet.',
  checked: (rel) => `Vérifié auprès du transporteur ${rel}`,
  checkedJustNow: "Vérifié auprès du transporteur à l'instant",
  notCheckedYet: 'En attente de la première mise à jour du transporteur',
  advice: {
    exception: {
      title: 'Un problème touche cette livraison',
      body: "Le transporteur a signalé un incident (retard, dommage ou question d'adresse par exemple). Consultez la dernière mise à jour ; si le transporteur demande quelque chose, suivez son lien. Sinon, contactez-nous et nous nous en occupons.",
    },
    failed_attempt: {
      title: 'Le transporteur est passé',
      body: "Personne n'a pu réceptionner le colis. Le transporteur repasse en général le jour ouvré suivant. Vous pouvez aussi utiliser son lien pour choisir une autre date ou un autre lieu.",
    },
    available_for_pickup: {
      title: 'Votre colis vous attend',
      body: "Munissez-vous d'une pièce d'identité et de votre numéro de suivi au point de retrait indiqué dans la dernière mise à jour. Les colis sont conservés pendant une durée limitée.",
    },
    returned_to_sender: {
      title: 'Ce colis nous est retourné',
      body: "Le transporteur n'a pas pu le livrer. Contactez-nous pour organiser une nouvelle livraison ou un remboursement.",
    },
    cancelled: {
      title: 'Cet envoi a été annulé',
      body: 'Le transporteur ne livrera pas ce colis. Contactez-nous si vous ne vous y attendiez pas.',
    },
    expired: {
      title: 'Pas de nouvelles du transporteur depuis un moment',
      body: "Le transporteur ne donne plus d'informations sur ce colis. Contactez-nous et nous vérifierons.",
    },
    unknown: {
      title: "Nous n'avons pas pu lire le dernier statut",
      body: "Le transporteur a transmis une information que nous n'avons pas pu interpréter. L'historique complet est ci-dessous, ou consultez le lien du transporteur.",
    },
    delayed: {
      title: 'Livraison retardée',
      body: "Le transporteur a décalé la date de livraison. Vous n'avez rien à faire ; nous vous tiendrons informé.",
    },
    slower_than_usual: {
      title: 'Plus lent que d’habitude',
      body: 'Le colis n’a pas été scanné depuis plus longtemps que les colis sur ce trajet d’habitude. L’estimation ci-dessus en tient déjà compte ; nous vous préviendrons dès qu’il bouge.',
    },
    stalled: {
      title: 'En attente du prochain scan',
      body: "Le colis n'a pas été scanné depuis quelques jours. C'est souvent un dépôt très chargé ; nous vous préviendrons dès qu'il bouge.",
    },
    tracking_problem: {
      title: 'Le transporteur est injoignable pour le moment',
      body: 'Les informations ci-dessous peuvent dater. Consultez le lien du transporteur ou contactez-nous.',
    },
  },
  helpHeading: "Besoin d'aide ?",
  contactMerchant: (m) => `Contacter ${m}`,
  helpCenter: "Centre d'aide",
  preferencesLink: 'Choisir les notifications que je reçois',
  lookupLink: 'Suivre une autre commande',
  privacyNote: 'Ce lien privé ne montre que la livraison. Merci de ne pas le partager.',
  languageNav: 'Langue',
  liveUpdated: 'Suivi mis à jour.',
  notFoundTitle: 'Page de suivi introuvable',
  notFoundBody:
    "Le lien est peut-être incomplet ou n'est plus actif. Vous pouvez retrouver votre commande grâce à son numéro.",
  lookupTitle: 'Suivre ma commande',
  lookupIntro:
    "Saisissez votre numéro de commande et l'adresse e-mail ou le code postal de la commande.",
  orderNumber: 'Numéro de commande',
  email: 'Adresse e-mail',
  or: 'ou',
  postalCode: 'Code postal',
  lookupSubmit: 'Retrouver ma commande',
  lookupMiss: 'Aucune commande ne correspond à ces informations. Vérifiez-les et réessayez.',
  lookupNeedProof: "Saisissez le numéro de commande et l'adresse e-mail ou le code postal.",
  formExpired: 'Ce formulaire a expiré. Veuillez réessayer.',
  tooManyTitle: 'Trop de tentatives',
  tooManyBody: 'Veuillez patienter quelques minutes avant de réessayer.',
  preferencesTitle: 'Vos notifications de livraison',
  preferencesIntro: (n) => `Choisissez comment nous vous informons de la commande ${n}.`,
  channelsLegend: 'Recevoir les notifications par',
  channelEmail: 'E-mail',
  channelSms: 'SMS',
  smsUnavailable: 'Les SMS ne sont pas disponibles pour cette commande.',
  levelLegend: 'Quelles notifications',
  levelAll: 'Toutes les mises à jour',
  levelKey: 'Les étapes clés seulement : expédié, en livraison, livré et problèmes',
  stopAll: 'Ne plus rien recevoir pour cette commande',
  stopAllHint: 'Vous pourrez toujours consulter cette page.',
  save: 'Enregistrer mes choix',
  saved: "Enregistré. Vos choix s'appliquent dès la prochaine mise à jour.",
  backToTracking: 'Retour au suivi',
  errorTitle: "Une erreur s'est produite",
};

const de: GuestPageText = {
  languageName: 'Deutsch',
  skipToContent: 'Zum Inhalt springen',
  pageTitle: (n, m) => `Bestellung ${n} · ${m}`,
  orderHeading: (n) => `Bestellung ${n}`,
  shippingTo: (place) => `Lieferung nach ${place}`,
  itemsHeading: 'In dieser Bestellung',
  notShippedYet:
    'Ihre Bestellung wird vorbereitet. Die Sendungsverfolgung erscheint hier, sobald sie versendet ist.',
  packageOf: (i, n) => `Paket ${i} von ${n}`,
  progressLabel: 'Lieferfortschritt',
  progressValue: (s, n, label) => `Schritt ${s} von ${n}: ${label}`,
  steps: {
    ordered: 'Bestellt',
    shipped: 'Versendet',
    outForDelivery: 'In Zustellung',
    pickup: 'Abholbereit',
    delivered: 'Zugestellt',
  },
  estimatedDelivery: 'Voraussichtliche Zustellung',
  deliveredOn: (d) => `Zugestellt am ${d}`,
  etaUnknown: 'Der Versanddienstleister hat noch kein Lieferdatum genannt.',
  originallyExpected: (d) => `Ursprünglich erwartet am ${d}`,
  ourEstimate:
    'Schätzung von Porchlight nach den letzten Zustellungen auf dieser Strecke; der Versanddienstleister hat kein Datum genannt.',
  latestUpdate: 'Neueste Meldung',
  carrier: 'Versanddienstleister',
  trackingNumber: 'Sendungsnummer',
  carrierLink: (c) => `Bei ${c} ansehen`,
  unknownCarrier: 'Versanddienstleister',
  history: 'Sendungsverlauf',
  timesShownIn: (tz) => `Zeiten in ${tz}.`,
  offsetUnknown: 'Zeitzone vom Versanddienstleister nicht angegeben',
  noEvents: 'Noch keine Scans. Sie erscheinen hier, sobald sich Ihr Paket bewegt.',
  checked: (rel) =>
    `${rel.charAt(0).toUpperCase()}${rel.slice(1)} beim Versanddienstleister abgefragt`,
  checkedJustNow: 'Gerade beim Versanddienstleister abgefragt',
  notCheckedYet: 'Warten auf die erste Meldung des Versanddienstleisters',
  advice: {
    exception: {
      title: 'Bei dieser Lieferung gibt es ein Problem',
      body: 'Der Versanddienstleister hat eine Störung gemeldet (zum Beispiel Verzögerung, Beschädigung oder eine Frage zur Adresse). Sehen Sie sich die neueste Meldung an; wenn etwas von Ihnen gebraucht wird, folgen Sie dem Link des Versanddienstleisters. Andernfalls melden Sie sich bei uns, wir kümmern uns darum.',
    },
    failed_attempt: {
      title: 'Zustellversuch',
      body: 'Niemand konnte das Paket annehmen. Meist wird es am nächsten Werktag erneut versucht. Über den Link des Versanddienstleisters können Sie auch einen anderen Termin oder Ort wählen.',
    },
    available_for_pickup: {
      title: 'Ihr Paket wartet auf Sie',
      body: 'Bringen Sie einen Ausweis und Ihre Sendungsnummer zur Abholstelle aus der neuesten Meldung mit. Pakete werden nur begrenzte Zeit aufbewahrt.',
    },
    returned_to_sender: {
      title: 'Dieses Paket kommt zu uns zurück',
      body: 'Der Versanddienstleister konnte es nicht zustellen. Melden Sie sich bei uns, dann organisieren wir einen neuen Versand oder eine Erstattung.',
    },
    cancelled: {
      title: 'Diese Sendung wurde storniert',
      body: 'Der Versanddienstleister wird dieses Paket nicht zustellen. Melden Sie sich bei uns, falls das unerwartet ist.',
    },
    expired: {
      title: 'Seit einiger Zeit keine Neuigkeiten',
      body: 'Der Versanddienstleister meldet nichts mehr zu diesem Paket. Melden Sie sich bei uns, wir gehen der Sache nach.',
    },
    unknown: {
      title: 'Den letzten Status konnten wir nicht lesen',
      body: 'Der Versanddienstleister hat etwas gemeldet, das wir nicht deuten konnten. Unten finden Sie den ganzen Verlauf, oder nutzen Sie den Link des Versanddienstleisters.',
    },
    delayed: {
      title: 'Verspätung',
      body: 'Der Versanddienstleister hat das Lieferdatum verschoben. Sie müssen nichts tun; wir halten Sie auf dem Laufenden.',
    },
    slower_than_usual: {
      title: 'Dauert länger als üblich',
      body: 'Das Paket wurde länger nicht gescannt, als es auf dieser Strecke üblich ist. Die Schätzung oben berücksichtigt das bereits; wir melden uns, sobald es weitergeht.',
    },
    stalled: {
      title: 'Warten auf den nächsten Scan',
      body: 'Das Paket wurde seit einigen Tagen nicht gescannt. Meist ist ein Depot stark ausgelastet; wir melden uns, sobald es weitergeht.',
    },
    tracking_problem: {
      title: 'Der Versanddienstleister ist gerade nicht erreichbar',
      body: 'Die Angaben unten sind möglicherweise nicht aktuell. Nutzen Sie den Link des Versanddienstleisters oder melden Sie sich bei uns.',
    },
  },
  helpHeading: 'Brauchen Sie Hilfe?',
  contactMerchant: (m) => `${m} kontaktieren`,
  helpCenter: 'Hilfe-Center',
  preferencesLink: 'Benachrichtigungen auswählen',
  lookupLink: 'Andere Bestellung verfolgen',
  privacyNote: 'Dieser private Link zeigt nur Lieferdaten. Bitte geben Sie ihn nicht weiter.',
  languageNav: 'Sprache',
  liveUpdated: 'Sendungsverfolgung aktualisiert.',
  notFoundTitle: 'Diese Seite zur Sendungsverfolgung gibt es nicht',
  notFoundBody:
    'Der Link ist vielleicht unvollständig oder nicht mehr aktiv. Sie können Ihre Bestellung trotzdem über die Bestellnummer finden.',
  lookupTitle: 'Bestellung verfolgen',
  lookupIntro:
    'Geben Sie Ihre Bestellnummer und die E-Mail-Adresse oder die Postleitzahl der Bestellung ein.',
  orderNumber: 'Bestellnummer',
  email: 'E-Mail-Adresse',
  or: 'oder',
  postalCode: 'Postleitzahl',
  lookupSubmit: 'Bestellung finden',
  lookupMiss:
    'Wir haben keine Bestellung mit diesen Angaben gefunden. Bitte prüfen Sie sie und versuchen Sie es erneut.',
  lookupNeedProof: 'Geben Sie die Bestellnummer und die E-Mail-Adresse oder die Postleitzahl ein.',
  formExpired: 'Das Formular ist abgelaufen. Bitte versuchen Sie es erneut.',
  tooManyTitle: 'Zu viele Versuche',
  tooManyBody: 'Bitte warten Sie einige Minuten und versuchen Sie es dann erneut.',
  preferencesTitle: 'Ihre Lieferbenachrichtigungen',
  preferencesIntro: (n) => `Wählen Sie, wie wir Sie über Bestellung ${n} informieren.`,
  channelsLegend: 'Benachrichtigen per',
  channelEmail: 'E-Mail',
  channelSms: 'SMS',
  smsUnavailable: 'SMS sind für diese Bestellung nicht verfügbar.',
  levelLegend: 'Welche Benachrichtigungen',
  levelAll: 'Jede Neuigkeit',
  levelKey: 'Nur wichtige Schritte: versendet, in Zustellung, zugestellt und Probleme',
  stopAll: 'Keine Benachrichtigungen mehr zu dieser Bestellung',
  stopAllHint: 'Diese Seite können Sie weiterhin jederzeit aufrufen.',
  save: 'Auswahl speichern',
  saved: 'Gespeichert. Ihre Auswahl gilt ab der nächsten Benachrichtigung.',
  backToTracking: 'Zurück zur Sendungsverfolgung',
  errorTitle: 'Etwas ist schiefgelaufen',
};

export const guestPageText: Record<Locale, GuestPageText> = { en, es, fr, de };
