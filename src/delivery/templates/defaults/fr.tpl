# Modèles livrés avec Relance, français. Format : voir ../defaults.ts. Champs : ../fields.ts.
# Les données facultatives (nom, véhicule, plaque, téléphone, dates, propriétaire…) sont dans des
# blocs {{#if}} avec une tournure qui se lit bien sans elles (missing-data.test.ts).

=== REMINDER_1 email
subject: {{#if vehicle}}{{vehicle}} : votre{{else}}Votre{{/if}} prochain entretien approche
{{#if mailing_name}}Bonjour {{mailing_name}},{{else}}Bonjour,{{/if}}

{{#if vehicles}}<p><strong>{{#each vehicles}}Objet : {{description}}{{#if plate}}, plaque {{plate}}{{/if}}<br/>{{/each}}</strong></p>{{/if}}

Petit rappel amical ! Lors de votre dernière visite, nous avons fixé la date de votre prochain entretien au :

<p style="font-size:18px"><strong>{{appointment_date}}{{#if appointment_time}} à {{appointment_time}}{{/if}}</strong></p>

Si cette date ne vous convient pas, faites-le-nous savoir. Sinon, nous confirmerons le rendez-vous et vous enverrons un rappel quelques jours avant.

{{#if business_phone}}Vous pouvez nous joindre au {{business_phone}}{{else}}Répondez à ce courriel{{/if}} pour changer la date ou pour discuter de l’entretien et des réparations de votre véhicule.

=== REMINDER_1 postcard
subject: Bientôt votre prochain entretien
{{#if mailing_name}}Bonjour {{mailing_name}},{{else}}Bonjour,{{/if}}
Lors de votre dernière visite, nous avons fixé le prochain entretien de votre {{#if vehicle}}{{vehicle}}{{#if plate}} ({{plate}}){{/if}}{{else}}véhicule{{/if}} au {{appointment_date}}.
Cette date ne vous convient pas ? {{#if business_phone}}Appelez-nous au {{business_phone}}{{else}}Dites-le-nous sur {{portal_link}}{{/if}} ; sinon nous la confirmerons et vous le rappellerons.
{{#if business_owner}}{{business_owner}}, {{/if}}{{business_name}}

=== REMINDER_2 email
subject: Rappel : entretien de votre {{#if vehicle}}{{vehicle}}{{else}}véhicule{{/if}} le {{appointment_date}}
{{#if mailing_name}}Bonjour {{mailing_name}},{{else}}Bonjour,{{/if}}

{{#if vehicles}}<p><strong>{{#each vehicles}}Objet : {{description}}{{#if plate}}, plaque {{plate}}{{/if}}<br/>{{/each}}</strong></p>{{/if}}

Petit rappel ! Votre prochain rendez-vous d’entretien est fixé au :

<p style="font-size:18px"><strong>{{appointment_date}}{{#if appointment_time}} à {{appointment_time}}{{/if}}</strong></p>

Au plaisir de vous voir bientôt. {{#if business_phone}}Appelez-nous au {{business_phone}}{{else}}Répondez à ce courriel{{/if}} pour changer la date ou pour toute question sur votre véhicule.

=== REMINDER_2 postcard
subject: À bientôt !
{{#if mailing_name}}Bonjour {{mailing_name}},{{else}}Bonjour,{{/if}}
L’entretien de votre {{#if vehicle}}{{vehicle}}{{#if plate}} ({{plate}}){{/if}}{{else}}véhicule{{/if}} est prévu le {{appointment_date}}.
Au plaisir de vous voir. Une autre date ? {{#if business_phone}}Appelez le {{business_phone}}.{{else}}Rendez-vous sur {{portal_link}}{{/if}}
{{#if business_owner}}{{business_owner}}, {{/if}}{{business_name}}

=== NO_SHOW email
subject: Nous vous attendions le {{appointment_date}}
{{#if mailing_name}}Bonjour {{mailing_name}},{{else}}Bonjour,{{/if}}

{{#if vehicles}}<p><strong>{{#each vehicles}}Objet : {{description}}{{#if plate}}, plaque {{plate}}{{/if}}<br/>{{/each}}</strong></p>{{/if}}

Oups, nous vous avons manqué ! Votre {{#if vehicle_model}}{{vehicle_model}}{{else}}véhicule{{/if}} avait rendez-vous pour un entretien le {{appointment_date}}{{#if appointment_time}} à {{appointment_time}}{{/if}}.

{{#if business_phone}}Appelez-nous au {{business_phone}}{{else}}Répondez à ce courriel{{/if}} pour choisir une nouvelle date ou pour discuter de toute question sur l’entretien et les réparations de votre véhicule.

=== NO_SHOW postcard
subject: Nous vous avons manqué !
{{#if mailing_name}}Bonjour {{mailing_name}},{{else}}Bonjour,{{/if}}
Votre {{#if vehicle}}{{vehicle}}{{#if plate}} ({{plate}}){{/if}}{{else}}véhicule{{/if}} avait rendez-vous le {{appointment_date}} et nous vous avons manqué.
{{#if business_phone}}Appelez le {{business_phone}} pour choisir une nouvelle date.{{else}}Choisissez une nouvelle date sur {{portal_link}}{{/if}}
{{#if business_owner}}{{business_owner}}, {{/if}}{{business_name}}

=== THANK_YOU email
subject: Merci de votre visite{{#if mailing_name}}, {{mailing_name}}{{/if}}
{{#if mailing_name}}Bonjour {{mailing_name}},{{else}}Bonjour,{{/if}}

{{#if vehicles}}<p><strong>{{#each vehicles}}Objet : {{description}}{{#if plate}}, plaque {{plate}}{{/if}}<br/>{{/each}}</strong></p>{{/if}}

Merci de votre confiance ! Vous avez le choix pour l’entretien de votre véhicule, et toute l’équipe de {{business_name}} vous remercie de nous avoir choisis.

{{#if feedback_link}}Dites-nous comment nous avons fait ou évaluez notre service : <a href="{{feedback_link}}">{{feedback_link}}</a>. Votre avis nous aide à mieux vous servir.{{/if}}

Au plaisir de vous revoir. Chacun d’entre nous répondra volontiers à vos questions sur l’entretien de votre véhicule.

=== THANK_YOU postcard
subject: Merci de votre confiance !
{{#if mailing_name}}Bonjour {{mailing_name}},{{else}}Bonjour,{{/if}}
Merci d’avoir choisi {{business_name}}{{#if vehicle}} pour votre {{vehicle}}{{/if}}. Nous apprécions votre confiance.
{{#if feedback_link}}Donnez-nous votre avis : {{feedback_link}}{{/if}}
{{#if business_owner}}{{business_owner}}, {{/if}}{{business_name}}

=== DEFERRED email
subject: Travaux recommandés pour votre {{#if vehicle}}{{vehicle}}{{else}}véhicule{{/if}}
{{#if mailing_name}}Bonjour {{mailing_name}},{{else}}Bonjour,{{/if}}

{{#if vehicles}}<p><strong>{{#each vehicles}}Objet : {{description}}{{#if plate}}, plaque {{plate}}{{/if}}<br/>{{/each}}</strong></p>{{/if}}

Lors de votre dernière visite{{#if last_service_date}} le {{last_service_date}}{{/if}}, nous avons recommandé des travaux qui amélioreraient la sécurité et le fonctionnement de votre véhicule. Les travaux non effectués sont :

<ul>{{#each deferred_items}}<li>{{this}}</li>{{/each}}</ul>

Nous serons heureux de vous donner rendez-vous au moment qui vous convient. {{#if business_phone}}Appelez-nous au {{business_phone}}.{{else}}Répondez simplement à ce courriel.{{/if}}

=== DEFERRED postcard
subject: Travaux toujours recommandés
{{#if mailing_name}}Bonjour {{mailing_name}},{{else}}Bonjour,{{/if}}
Lors de votre dernière visite, nous avons recommandé pour votre {{#if vehicle}}{{vehicle}}{{else}}véhicule{{/if}} :
{{#each deferred_items}}- {{this}}
{{/each}}{{#if business_phone}}Appelez le {{business_phone}} pour prendre rendez-vous.{{else}}Prenez rendez-vous sur {{portal_link}}{{/if}}
{{#if business_owner}}{{business_owner}}, {{/if}}{{business_name}}

=== INACTIVE email
subject: Cela fait un moment que nous n’avons pas vu votre {{#if vehicle_model}}{{vehicle_model}}{{else}}véhicule{{/if}}
{{#if mailing_name}}Bonjour {{mailing_name}},{{else}}Bonjour,{{/if}}

{{#if vehicles}}<p><strong>{{#each vehicles}}Objet : {{description}}{{#if plate}}, plaque {{plate}}{{/if}}<br/>{{/each}}</strong></p>{{/if}}

Nous pensions à vous l’autre jour : cela fait un moment que nous ne vous avons pas vu, vous et votre {{#if vehicle_model}}{{vehicle_model}}{{else}}véhicule{{/if}}.{{#if last_service_date}} Selon nos dossiers, votre dernier entretien date du {{last_service_date}}.{{/if}}

Si c’était bien votre dernier entretien, votre véhicule est sans doute dû pour une vidange d’huile et une inspection selon le calendrier recommandé par le constructeur.

Nous serons heureux de vous donner rendez-vous quand cela vous convient. {{#if business_phone}}Appelez-nous au {{business_phone}}.{{else}}Répondez simplement à ce courriel.{{/if}}

=== INACTIVE postcard
subject: Vous nous manquez !
{{#if mailing_name}}Bonjour {{mailing_name}},{{else}}Bonjour,{{/if}}
Le dernier entretien de votre {{#if vehicle}}{{vehicle}}{{else}}véhicule{{/if}} chez nous {{#if last_service_date}}date du {{last_service_date}}{{else}}remonte à un moment{{/if}}. Il est sans doute dû pour une vidange et une inspection.
{{#if business_phone}}Appelez le {{business_phone}} pour prendre rendez-vous.{{else}}Prenez rendez-vous sur {{portal_link}}{{/if}}
{{#if business_owner}}{{business_owner}}, {{/if}}{{business_name}}

=== V01 email
subject: Bienvenue chez {{business_name}}
{{#if mailing_name}}Bonjour {{mailing_name}},{{else}}Bonjour,{{/if}}

Merci d’avoir choisi {{business_name}} ! Nous suivons désormais l’entretien de votre {{#if vehicles}}véhicule :{{else}}véhicule.{{/if}}

{{#if vehicles}}<ul>{{#each vehicles}}<li>{{description}}{{#if plate}} ({{plate}}){{/if}}</li>{{/each}}</ul>{{/if}}

Dans votre espace personnel, consultez votre dossier, le carnet d’entretien et l’historique de vos véhicules, et demandez un rendez-vous : <a href="{{portal_link}}">{{portal_link}}</a>

Nous vous préviendrons quand un entretien sera dû.

=== V01 postcard
subject: Bienvenue !
{{#if mailing_name}}Bonjour {{mailing_name}},{{else}}Bonjour,{{/if}}
Merci d’avoir choisi {{business_name}}{{#if vehicle}} pour votre {{vehicle}}{{/if}}. Nous vous préviendrons quand un entretien sera dû.
Donnez-nous votre courriel {{#if business_phone}}au {{business_phone}} ou {{/if}}en ligne : {{portal_link}}
{{#if business_owner}}{{business_owner}}, {{/if}}{{business_name}}

=== V02 email
subject: Joyeux anniversaire{{#if mailing_name}}, {{mailing_name}}{{/if}} !
{{#if mailing_name}}Bonjour {{mailing_name}},{{else}}Bonjour,{{/if}}

Toute l’équipe de {{business_name}} vous souhaite un très joyeux anniversaire !

Merci de votre confiance, et bonne journée.

=== V02 postcard
subject: Joyeux anniversaire !
{{#if mailing_name}}Bonjour {{mailing_name}},{{else}}Bonjour,{{/if}}
Toute l’équipe de {{business_name}} vous souhaite un très joyeux anniversaire !
{{#if business_owner}}{{business_owner}}, {{/if}}{{business_name}}

=== E01 email
subject: Entretien bientôt dû pour votre {{#if vehicle}}{{vehicle}}{{else}}véhicule{{/if}}
{{#if mailing_name}}Bonjour {{mailing_name}},{{else}}Bonjour,{{/if}}

{{#if vehicles}}<p><strong>{{#each vehicles}}Objet : {{description}}{{#if plate}}, plaque {{plate}}{{/if}}<br/>{{/each}}</strong></p>{{/if}}

Selon le calendrier du constructeur, le prochain entretien de votre véhicule sera dû vers le {{maintenance_due_date}} :

<ul>{{#each maintenance_items}}<li>{{this}}</li>{{/each}}</ul>

{{#if business_phone}}Appelez-nous au {{business_phone}} ou demandez{{else}}Demandez{{/if}} un rendez-vous en ligne : <a href="{{portal_link}}">{{portal_link}}</a>

=== E01 postcard
subject: Entretien bientôt dû
{{#if mailing_name}}Bonjour {{mailing_name}},{{else}}Bonjour,{{/if}}
Votre {{#if vehicle}}{{vehicle}}{{#if plate}} ({{plate}}){{/if}}{{else}}véhicule{{/if}} sera dû pour un entretien vers le {{maintenance_due_date}} :
{{#each maintenance_items}}- {{this}}
{{/each}}{{#if business_phone}}Appelez le {{business_phone}} pour prendre rendez-vous.{{else}}Prenez rendez-vous sur {{portal_link}}{{/if}}
{{#if business_owner}}{{business_owner}}, {{/if}}{{business_name}}

=== E02 email
subject: Second rappel : entretien de votre {{#if vehicle}}{{vehicle}}{{else}}véhicule{{/if}}
{{#if mailing_name}}Bonjour {{mailing_name}},{{else}}Bonjour,{{/if}}

{{#if vehicles}}<p><strong>{{#each vehicles}}Objet : {{description}}{{#if plate}}, plaque {{plate}}{{/if}}<br/>{{/each}}</strong></p>{{/if}}

Nous vous avons rappelé récemment que l’entretien de votre véhicule est dû vers le {{maintenance_due_date}}, et nous ne vous avons pas vu depuis :

<ul>{{#each maintenance_items}}<li>{{this}}</li>{{/each}}</ul>

Suivre le calendrier du constructeur protège votre garantie et votre sécurité. {{#if business_phone}}Appelez-nous au {{business_phone}} ou demandez{{else}}Demandez{{/if}} un rendez-vous en ligne : <a href="{{portal_link}}">{{portal_link}}</a>

=== E02 postcard
subject: Votre entretien est dû
{{#if mailing_name}}Bonjour {{mailing_name}},{{else}}Bonjour,{{/if}}
Un rappel : votre {{#if vehicle}}{{vehicle}}{{#if plate}} ({{plate}}){{/if}}{{else}}véhicule{{/if}} est dû pour un entretien vers le {{maintenance_due_date}}.
Suivre le calendrier du constructeur protège votre garantie. {{#if business_phone}}Appelez le {{business_phone}}.{{else}}Prenez rendez-vous sur {{portal_link}}{{/if}}
{{#if business_owner}}{{business_owner}}, {{/if}}{{business_name}}

=== E03 email
subject: Votre avis{{#if mailing_name}}, {{mailing_name}}{{/if}} ?
{{#if mailing_name}}Bonjour {{mailing_name}},{{else}}Bonjour,{{/if}}

Merci de nous avoir confié l’entretien de votre {{#if vehicle}}{{vehicle}}{{else}}véhicule{{/if}}{{#if last_service_date}} le {{last_service_date}}{{/if}}. Comment évaluez-vous notre service ? Un seul clic suffit :

<p>{{#each survey_ratings}}<a href="{{url}}" style="display:inline-block;padding:8px 14px;margin:2px;background:#1f3a5f;color:#ffffff;text-decoration:none;border-radius:4px">{{rating}}</a> {{/each}}</p>

<p style="font-size:12px;color:#555555">1 = mauvais, 5 = excellent. Vous pouvez aussi ajouter un commentaire : <a href="{{survey_link}}">{{survey_link}}</a></p>

=== E03 postcard
subject: Votre avis compte
{{#if mailing_name}}Bonjour {{mailing_name}},{{else}}Bonjour,{{/if}}
Merci de nous avoir confié votre {{#if vehicle}}{{vehicle}}{{else}}véhicule{{/if}}. Évaluez notre service de 1 à 5 :
{{survey_link}}
{{#if business_owner}}{{business_owner}}, {{/if}}{{business_name}}

=== E04 email
subject: Rappel : votre rendez-vous du {{appointment_date}} à {{appointment_time}}
{{#if mailing_name}}Bonjour {{mailing_name}},{{else}}Bonjour,{{/if}}

Un petit rappel de votre rendez-vous chez {{business_name}} :

<p style="font-size:18px"><strong>{{appointment_date}} à {{appointment_time}}</strong></p>

{{#if vehicle}}<p>Véhicule : {{vehicle}}{{#if plate}} ({{plate}}){{/if}}</p>{{/if}}

{{#if appointment_service}}<p>Service : {{appointment_service}}</p>{{/if}}

L’invitation jointe l’ajoute à votre agenda. Un changement ? {{#if business_phone}}Appelez-nous au {{business_phone}}.{{else}}Répondez simplement à ce courriel.{{/if}}

=== E04 postcard
subject: Votre rendez-vous
{{#if mailing_name}}Bonjour {{mailing_name}},{{else}}Bonjour,{{/if}}
Un rappel de votre rendez-vous chez {{business_name}} le {{appointment_date}} à {{appointment_time}}.
Un changement ? {{#if business_phone}}Appelez le {{business_phone}}.{{else}}Rendez-vous sur {{portal_link}}{{/if}}
{{#if business_owner}}{{business_owner}}, {{/if}}{{business_name}}

=== E05 email
subject: {{#if appointment_cancelled}}Rendez-vous annulé{{else}}Rendez-vous confirmé{{/if}} : {{appointment_date}} à {{appointment_time}}
{{#if mailing_name}}Bonjour {{mailing_name}},{{else}}Bonjour,{{/if}}

{{#if appointment_cancelled}}Votre rendez-vous est annulé :{{else}}Votre demande de rendez-vous est confirmée :{{/if}}

<p style="font-size:18px"><strong>{{appointment_date}} à {{appointment_time}}</strong></p>

{{#if vehicle}}<p>Véhicule : {{vehicle}}{{#if plate}} ({{plate}}){{/if}}</p>{{/if}}

{{#if appointment_service}}<p>Service : {{appointment_service}}</p>{{/if}}

{{#if appointment_cancelled}}La pièce jointe le retire de votre agenda. Pour prendre un autre rendez-vous, {{#if business_phone}}appelez-nous au {{business_phone}}{{else}}répondez à ce courriel{{/if}} ou rendez-vous sur {{portal_link}}.{{else}}L’invitation jointe l’ajoute à votre agenda. Nous vous enverrons un rappel avant. Un changement ? {{#if business_phone}}Appelez-nous au {{business_phone}}.{{else}}Répondez simplement à ce courriel.{{/if}}{{/if}}

=== E05 postcard
subject: Rendez-vous confirmé
{{#if mailing_name}}Bonjour {{mailing_name}},{{else}}Bonjour,{{/if}}
Votre rendez-vous chez {{business_name}} est confirmé le {{appointment_date}} à {{appointment_time}}.
Un changement ? {{#if business_phone}}Appelez le {{business_phone}}.{{else}}Rendez-vous sur {{portal_link}}{{/if}}
{{#if business_owner}}{{business_owner}}, {{/if}}{{business_name}}

=== E07 email
subject: Une offre pour vous de {{business_name}}
{{#if mailing_name}}Bonjour {{mailing_name}},{{else}}Bonjour,{{/if}}

Ce fut un plaisir de vous reparler. Pour vous souhaiter un bon retour, voici une offre rien que pour vous :

<p style="font-size:18px"><strong>{{promotion_name}}</strong></p>

{{#if promotion_description}}<p>{{promotion_description}}</p>{{/if}}

{{#if coupon_code}}<p>Votre code promo : <strong style="font-size:18px;letter-spacing:2px">{{coupon_code}}</strong></p>{{/if}}

{{#if promotion_valid_until}}<p>Valable jusqu’au {{promotion_valid_until}}.</p>{{/if}}

{{#if business_phone}}Appelez-nous au {{business_phone}}{{else}}Répondez à ce courriel{{/if}} pour prendre rendez-vous, et apportez ce message.

=== E07 postcard
subject: Une offre pour vous
{{#if mailing_name}}Bonjour {{mailing_name}},{{else}}Bonjour,{{/if}}
Pour votre retour : {{promotion_name}}.
{{#if coupon_code}}Code promo : {{coupon_code}}
{{/if}}{{#if promotion_valid_until}}Valable jusqu’au {{promotion_valid_until}}.
{{/if}}{{#if business_phone}}Appelez le {{business_phone}} pour prendre rendez-vous.{{else}}Prenez rendez-vous sur {{portal_link}}{{/if}}
{{#if business_owner}}{{business_owner}}, {{/if}}{{business_name}}

=== CAMPAIGN email
subject: {{#if promotion_name}}{{promotion_name}} : une offre{{else}}Des nouvelles{{/if}} de {{business_name}}
{{#if mailing_name}}Bonjour {{mailing_name}},{{else}}Bonjour,{{/if}}

{{#if vehicles}}<p><strong>{{#each vehicles}}Objet : {{description}}{{#if plate}}, plaque {{plate}}{{/if}}<br/>{{/each}}</strong></p>{{/if}}

{{#if promotion_name}}Voici une offre pour vous :

<p style="font-size:18px"><strong>{{promotion_name}}</strong></p>

{{#if promotion_description}}<p>{{promotion_description}}</p>{{/if}}

{{#if coupon_code}}<p>Votre code promo : <strong style="font-size:18px;letter-spacing:2px">{{coupon_code}}</strong></p>{{/if}}

{{#if promotion_valid_until}}<p>Valable jusqu’au {{promotion_valid_until}}.</p>{{/if}}{{else}}Nous serions heureux de vous revoir pour l’entretien de votre véhicule.{{/if}}

{{#if business_phone}}Appelez-nous au {{business_phone}}{{else}}Répondez à ce courriel{{/if}} pour prendre rendez-vous, et apportez ce message.

=== CAMPAIGN postcard
subject: {{#if promotion_name}}Une offre pour vous{{else}}Des nouvelles de votre garage{{/if}}
{{#if mailing_name}}Bonjour {{mailing_name}},{{else}}Bonjour,{{/if}}
{{#if promotion_name}}Pour vous : {{promotion_name}}.{{else}}Nous serions heureux de vous revoir.{{/if}}
{{#if coupon_code}}Code promo : {{coupon_code}}
{{/if}}{{#if promotion_valid_until}}Valable jusqu’au {{promotion_valid_until}}.
{{/if}}{{#if business_phone}}Appelez le {{business_phone}} pour prendre rendez-vous.{{else}}Prenez rendez-vous sur {{portal_link}}{{/if}}
{{#if business_owner}}{{business_owner}}, {{/if}}{{business_name}}

=== E06 email
subject: Réponses au sondage pour {{business_name}}
Bonjour {{staff_name}},

Voici les dernières réponses au sondage de satisfaction :

<ul>{{#each survey_answers}}<li><strong>{{rating}}/5</strong> : {{customer}}{{#if vehicle}} ({{vehicle}}){{/if}}, {{answered_on}}{{#if comment}}<br/>« {{comment}} »{{/if}}</li>{{/each}}</ul>

Votre liste de tâches : <a href="{{tasks_link}}">{{tasks_link}}</a>

=== P00 email
subject: Appel à faire : {{customer_name}} est peut-être un client perdu
Bonjour {{staff_name}},

{{customer_name}} n’a pas donné suite au second rappel d’entretien{{#if vehicle}} de {{vehicle}}{{#if plate}} ({{plate}}){{/if}}{{/if}} : aucune visite ni aucun rendez-vous depuis.

Veuillez {{#if customer_phone}}appeler pour rétablir le contact au {{customer_phone}}{{#if customer_email}} ou écrire à {{customer_email}}{{/if}}{{else}}{{#if customer_email}}écrire à {{customer_email}} pour rétablir le contact{{else}}rétablir le contact{{/if}}{{/if}}, puis notez le résultat dans votre liste de tâches : <a href="{{tasks_link}}">{{tasks_link}}</a>

=== P01 email
subject: {{customer_name}} a modifié son dossier
Bonjour {{staff_name}},

{{customer_name}} a modifié son dossier dans le portail client :

<ul>{{#each changes}}<li>{{field}} : « {{from}} » → « {{to}} »</li>{{/each}}</ul>

Votre liste de tâches : <a href="{{tasks_link}}">{{tasks_link}}</a>

=== V01_SALES email
subject: Nouveau véhicule pour {{customer_name}}
Bonjour {{staff_name}},

Un véhicule a été saisi aujourd'hui pour {{customer_name}} :

<ul>{{#each vehicles}}<li>{{description}}{{#if plate}} ({{plate}}){{/if}}</li>{{/each}}</ul>

Merci de faire le suivi auprès du client{{#if customer_phone}} au {{customer_phone}}{{/if}}{{#if customer_email}} ou à {{customer_email}}{{/if}}, puis de fermer la tâche dans votre liste : <a href="{{tasks_link}}">{{tasks_link}}</a>

=== P02 email
subject: Demande de rendez-vous : {{customer_name}}, {{appointment_date}} à {{appointment_time}}
Bonjour {{staff_name}},

{{customer_name}} a demandé en ligne un rendez-vous le {{appointment_date}} à {{appointment_time}}{{#if vehicle}} pour {{vehicle}}{{#if plate}} ({{plate}}){{/if}}{{/if}}.
{{#if appointment_service}}Service demandé : {{appointment_service}}
{{/if}}{{#if mechanic}}La plage est retenue auprès de {{mechanic}}.
{{/if}}{{#if customer_phone}}Téléphone : {{customer_phone}}
{{/if}}{{#if customer_email}}Courriel : {{customer_email}}
{{/if}}
Veuillez la confirmer ou la modifier dans l’agenda des rendez-vous : <a href="{{appointments_link}}">{{appointments_link}}</a>

=== REVIEW email
subject: Comment s’est passée votre visite chez {{business_name}} ?
{{#if mailing_name}}Bonjour {{mailing_name}},{{else}}Bonjour,{{/if}}

Merci d’avoir choisi {{business_name}}{{#if vehicle}} pour votre {{vehicle}}{{/if}}{{#if last_service_date}} le {{last_service_date}}{{/if}}.

Prendriez-vous une minute pour donner votre avis sur votre visite ? Chaque avis sincère aide d’autres conducteurs à choisir, et nous aide à nous améliorer : <a href="{{review_link}}">{{review_link}}</a>

Merci de votre temps.

=== REVIEW postcard
subject: Comment s’est passée votre visite ?
{{#if mailing_name}}Bonjour {{mailing_name}},{{else}}Bonjour,{{/if}}
Merci d’avoir choisi {{business_name}}{{#if vehicle}} pour votre {{vehicle}}{{/if}}. Donneriez-vous votre avis sur votre visite ? Chaque avis sincère compte :
{{review_link}}
{{#if business_owner}}{{business_owner}}, {{/if}}{{business_name}}
