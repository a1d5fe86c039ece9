# Modèles livrés avec Relance, français. Format : voir ../defaults.ts. Champs : ../fields.ts.

=== REMINDER_1 email
subject: {{vehicle}} : votre prochain entretien approche
Bonjour {{mailing_name}},

<p><strong>{{#each vehicles}}Objet : {{description}}{{#if plate}}, plaque {{plate}}{{/if}}<br/>{{/each}}</strong></p>

Petit rappel amical ! Lors de votre dernière visite, nous avons fixé la date de votre prochain entretien au :

<p style="font-size:18px"><strong>{{appointment_date}}{{#if appointment_time}} à {{appointment_time}}{{/if}}</strong></p>

Si cette date ne vous convient pas, faites-le-nous savoir. Sinon, nous confirmerons le rendez-vous et vous enverrons un rappel quelques jours avant.

Vous pouvez nous joindre au {{business_phone}} pour changer la date ou pour discuter de l’entretien et des réparations de votre véhicule.

=== REMINDER_1 postcard
subject: Bientôt votre prochain entretien
Bonjour {{mailing_name}},
Lors de votre dernière visite, nous avons fixé le prochain entretien de votre {{vehicle}} ({{plate}}) au {{appointment_date}}.
Cette date ne vous convient pas ? Appelez-nous au {{business_phone}} ; sinon nous la confirmerons et vous le rappellerons.
{{business_owner}}, {{business_name}}

=== REMINDER_2 email
subject: Rappel : entretien de votre {{vehicle}} le {{appointment_date}}
Bonjour {{mailing_name}},

<p><strong>{{#each vehicles}}Objet : {{description}}{{#if plate}}, plaque {{plate}}{{/if}}<br/>{{/each}}</strong></p>

Petit rappel ! Votre prochain rendez-vous d’entretien est fixé au :

<p style="font-size:18px"><strong>{{appointment_date}}{{#if appointment_time}} à {{appointment_time}}{{/if}}</strong></p>

Au plaisir de vous voir bientôt. Appelez-nous au {{business_phone}} pour changer la date ou pour toute question sur votre véhicule.

=== REMINDER_2 postcard
subject: À bientôt !
Bonjour {{mailing_name}},
L’entretien de votre {{vehicle}} ({{plate}}) est prévu le {{appointment_date}}.
Au plaisir de vous voir. Une autre date ? Appelez le {{business_phone}}.
{{business_owner}}, {{business_name}}

=== NO_SHOW email
subject: Nous vous attendions le {{appointment_date}}
Bonjour {{mailing_name}},

<p><strong>{{#each vehicles}}Objet : {{description}}{{#if plate}}, plaque {{plate}}{{/if}}<br/>{{/each}}</strong></p>

Oups, nous vous avons manqué ! Votre {{vehicle_model}} avait rendez-vous pour un entretien le {{appointment_date}}{{#if appointment_time}} à {{appointment_time}}{{/if}}.

Appelez-nous au {{business_phone}} pour choisir une nouvelle date ou pour discuter de toute question sur l’entretien et les réparations de votre véhicule.

=== NO_SHOW postcard
subject: Nous vous avons manqué !
Bonjour {{mailing_name}},
Votre {{vehicle}} ({{plate}}) avait rendez-vous le {{appointment_date}} et nous vous avons manqué.
Appelez le {{business_phone}} pour choisir une nouvelle date.
{{business_owner}}, {{business_name}}

=== THANK_YOU email
subject: Merci de votre visite, {{mailing_name}}
Bonjour {{mailing_name}},

<p><strong>{{#each vehicles}}Objet : {{description}}{{#if plate}}, plaque {{plate}}{{/if}}<br/>{{/each}}</strong></p>

Merci de votre confiance ! Vous avez le choix pour l’entretien de votre véhicule, et toute l’équipe de {{business_name}} vous remercie de nous avoir choisis.

{{#if feedback_link}}Dites-nous comment nous avons fait ou évaluez notre service : <a href="{{feedback_link}}">{{feedback_link}}</a>. Votre avis nous aide à mieux vous servir.{{/if}}

Au plaisir de vous revoir. Chacun d’entre nous répondra volontiers à vos questions sur l’entretien de votre véhicule.

=== THANK_YOU postcard
subject: Merci de votre confiance !
Bonjour {{mailing_name}},
Merci d’avoir choisi {{business_name}} pour votre {{vehicle}}. Nous apprécions votre confiance.
{{#if feedback_link}}Donnez-nous votre avis : {{feedback_link}}{{/if}}
{{business_owner}}, {{business_name}}

=== DEFERRED email
subject: Travaux recommandés pour votre {{vehicle}}
Bonjour {{mailing_name}},

<p><strong>{{#each vehicles}}Objet : {{description}}{{#if plate}}, plaque {{plate}}{{/if}}<br/>{{/each}}</strong></p>

Lors de votre dernière visite{{#if last_service_date}} le {{last_service_date}}{{/if}}, nous avons recommandé des travaux qui amélioreraient la sécurité et le fonctionnement de votre véhicule. Les travaux non effectués sont :

<ul>{{#each deferred_items}}<li>{{this}}</li>{{/each}}</ul>

Nous serons heureux de vous donner rendez-vous au moment qui vous convient. Appelez-nous au {{business_phone}}.

=== DEFERRED postcard
subject: Travaux toujours recommandés
Bonjour {{mailing_name}},
Lors de votre dernière visite, nous avons recommandé pour votre {{vehicle}} :
{{#each deferred_items}}- {{this}}
{{/each}}Appelez le {{business_phone}} pour prendre rendez-vous.
{{business_owner}}, {{business_name}}

=== INACTIVE email
subject: Cela fait un moment que nous n’avons pas vu votre {{vehicle_model}}
Bonjour {{mailing_name}},

<p><strong>{{#each vehicles}}Objet : {{description}}{{#if plate}}, plaque {{plate}}{{/if}}<br/>{{/each}}</strong></p>

Nous pensions à vous l’autre jour : cela fait un moment que nous ne vous avons pas vu, vous et votre {{vehicle_model}}. Selon nos dossiers, votre dernier entretien date du {{last_service_date}}.

Si c’était bien votre dernier entretien, votre véhicule est sans doute dû pour une vidange d’huile et une inspection selon le calendrier recommandé par le constructeur.

Nous serons heureux de vous donner rendez-vous quand cela vous convient. Appelez-nous au {{business_phone}}.

=== INACTIVE postcard
subject: Vous nous manquez !
Bonjour {{mailing_name}},
Le dernier entretien de votre {{vehicle}} chez nous date du {{last_service_date}}. Il est sans doute dû pour une vidange et une inspection.
Appelez le {{business_phone}} pour prendre rendez-vous.
{{business_owner}}, {{business_name}}

=== V01 email
subject: Bienvenue chez {{business_name}}
Bonjour {{mailing_name}},

Merci d’avoir choisi {{business_name}} ! Nous suivons désormais l’entretien de votre véhicule :

<ul>{{#each vehicles}}<li>{{description}}{{#if plate}} ({{plate}}){{/if}}</li>{{/each}}</ul>

Dans votre espace personnel, consultez votre dossier, le carnet d’entretien et l’historique de vos véhicules, et demandez un rendez-vous : <a href="{{portal_link}}">{{portal_link}}</a>

Nous vous préviendrons quand un entretien sera dû.

=== V01 postcard
subject: Bienvenue !
Bonjour {{mailing_name}},
Merci d’avoir choisi {{business_name}} pour votre {{vehicle}}. Nous vous préviendrons quand un entretien sera dû.
Donnez-nous votre courriel au {{business_phone}} ou en ligne : {{portal_link}}
{{business_owner}}, {{business_name}}

=== V02 email
subject: Joyeux anniversaire, {{mailing_name}} !
Bonjour {{mailing_name}},

Toute l’équipe de {{business_name}} vous souhaite un très joyeux anniversaire !

Merci de votre confiance, et bonne journée.

=== V02 postcard
subject: Joyeux anniversaire !
Bonjour {{mailing_name}},
Toute l’équipe de {{business_name}} vous souhaite un très joyeux anniversaire !
{{business_owner}}, {{business_name}}

=== E01 email
subject: Entretien bientôt dû pour votre {{vehicle}}
Bonjour {{mailing_name}},

<p><strong>{{#each vehicles}}Objet : {{description}}{{#if plate}}, plaque {{plate}}{{/if}}<br/>{{/each}}</strong></p>

Selon le calendrier du constructeur, le prochain entretien de votre véhicule sera dû vers le {{maintenance_due_date}} :

<ul>{{#each maintenance_items}}<li>{{this}}</li>{{/each}}</ul>

Appelez-nous au {{business_phone}} ou demandez un rendez-vous en ligne : <a href="{{portal_link}}">{{portal_link}}</a>

=== E01 postcard
subject: Entretien bientôt dû
Bonjour {{mailing_name}},
Votre {{vehicle}} ({{plate}}) sera dû pour un entretien vers le {{maintenance_due_date}} :
{{#each maintenance_items}}- {{this}}
{{/each}}Appelez le {{business_phone}} pour prendre rendez-vous.
{{business_owner}}, {{business_name}}

=== E02 email
subject: Second rappel : entretien de votre {{vehicle}}
Bonjour {{mailing_name}},

<p><strong>{{#each vehicles}}Objet : {{description}}{{#if plate}}, plaque {{plate}}{{/if}}<br/>{{/each}}</strong></p>

Nous vous avons rappelé récemment que l’entretien de votre véhicule est dû vers le {{maintenance_due_date}}, et nous ne vous avons pas vu depuis :

<ul>{{#each maintenance_items}}<li>{{this}}</li>{{/each}}</ul>

Suivre le calendrier du constructeur protège votre garantie et votre sécurité. Appelez-nous au {{business_phone}} ou demandez un rendez-vous en ligne : <a href="{{portal_link}}">{{portal_link}}</a>

=== E02 postcard
subject: Votre entretien est dû
Bonjour {{mailing_name}},
Un rappel : votre {{vehicle}} ({{plate}}) est dû pour un entretien vers le {{maintenance_due_date}}.
Suivre le calendrier du constructeur protège votre garantie. Appelez le {{business_phone}}.
{{business_owner}}, {{business_name}}

=== E03 email
subject: Votre avis, {{mailing_name}} ?
Bonjour {{mailing_name}},

Merci de nous avoir confié l’entretien de votre {{vehicle}}{{#if last_service_date}} le {{last_service_date}}{{/if}}. Comment évaluez-vous notre service ? Un seul clic suffit :

<p>{{#each survey_ratings}}<a href="{{url}}" style="display:inline-block;padding:8px 14px;margin:2px;background:#1f3a5f;color:#ffffff;text-decoration:none;border-radius:4px">{{rating}}</a> {{/each}}</p>

<p style="font-size:12px;color:#555555">1 = mauvais, 5 = excellent. Vous pouvez aussi ajouter un commentaire : <a href="{{survey_link}}">{{survey_link}}</a></p>

=== E03 postcard
subject: Votre avis compte
Bonjour {{mailing_name}},
Merci de nous avoir confié votre {{vehicle}}. Évaluez notre service de 1 à 5 :
{{survey_link}}
{{business_owner}}, {{business_name}}

=== E04 email
subject: Rappel : votre rendez-vous du {{appointment_date}} à {{appointment_time}}
Bonjour {{mailing_name}},

Un petit rappel de votre rendez-vous chez {{business_name}} :

<p style="font-size:18px"><strong>{{appointment_date}} à {{appointment_time}}</strong></p>

{{#if vehicle}}<p>Véhicule : {{vehicle}}{{#if plate}} ({{plate}}){{/if}}</p>{{/if}}

{{#if appointment_service}}<p>Service : {{appointment_service}}</p>{{/if}}

L’invitation jointe l’ajoute à votre agenda. Un changement ? Appelez-nous au {{business_phone}}.

=== E04 postcard
subject: Votre rendez-vous
Bonjour {{mailing_name}},
Un rappel de votre rendez-vous chez {{business_name}} le {{appointment_date}} à {{appointment_time}}.
Un changement ? Appelez le {{business_phone}}.
{{business_owner}}, {{business_name}}

=== E05 email
subject: Rendez-vous confirmé : {{appointment_date}} à {{appointment_time}}
Bonjour {{mailing_name}},

Votre demande de rendez-vous est confirmée :

<p style="font-size:18px"><strong>{{appointment_date}} à {{appointment_time}}</strong></p>

{{#if vehicle}}<p>Véhicule : {{vehicle}}{{#if plate}} ({{plate}}){{/if}}</p>{{/if}}

{{#if appointment_service}}<p>Service : {{appointment_service}}</p>{{/if}}

L’invitation jointe l’ajoute à votre agenda. Nous vous enverrons un rappel avant. Un changement ? Appelez-nous au {{business_phone}}.

=== E05 postcard
subject: Rendez-vous confirmé
Bonjour {{mailing_name}},
Votre rendez-vous chez {{business_name}} est confirmé le {{appointment_date}} à {{appointment_time}}.
Un changement ? Appelez le {{business_phone}}.
{{business_owner}}, {{business_name}}

=== E07 email
subject: Une offre pour vous de {{business_name}}
Bonjour {{mailing_name}},

Ce fut un plaisir de vous reparler. Pour vous souhaiter un bon retour, voici une offre rien que pour vous :

<p style="font-size:18px"><strong>{{promotion_name}}</strong></p>

{{#if promotion_description}}<p>{{promotion_description}}</p>{{/if}}

{{#if coupon_code}}<p>Votre code promo : <strong style="font-size:18px;letter-spacing:2px">{{coupon_code}}</strong></p>{{/if}}

{{#if promotion_valid_until}}<p>Valable jusqu’au {{promotion_valid_until}}.</p>{{/if}}

Appelez-nous au {{business_phone}} pour prendre rendez-vous, et apportez ce message.

=== E07 postcard
subject: Une offre pour vous
Bonjour {{mailing_name}},
Pour votre retour : {{promotion_name}}.
{{#if coupon_code}}Code promo : {{coupon_code}}
{{/if}}{{#if promotion_valid_until}}Valable jusqu’au {{promotion_valid_until}}.
{{/if}}Appelez le {{business_phone}} pour prendre rendez-vous.
{{business_owner}}, {{business_name}}

=== E06 email
subject: Réponses au sondage pour {{business_name}}
Bonjour {{staff_name}},

Voici les dernières réponses au sondage de satisfaction :

<ul>{{#each survey_answers}}<li><strong>{{rating}}/5</strong> : {{customer}}{{#if vehicle}} ({{vehicle}}){{/if}}, {{answered_on}}{{#if comment}}<br/>« {{comment}} »{{/if}}</li>{{/each}}</ul>

Votre liste de tâches : <a href="{{tasks_link}}">{{tasks_link}}</a>

=== P00 email
subject: Appel à faire : {{customer_name}} est peut-être un client perdu
Bonjour {{staff_name}},

{{customer_name}} n’a pas donné suite au second rappel d’entretien de {{vehicle}}{{#if plate}} ({{plate}}){{/if}} : aucune visite ni aucun rendez-vous depuis.

Veuillez appeler pour rétablir le contact{{#if customer_phone}} au {{customer_phone}}{{/if}}{{#if customer_email}} ou écrire à {{customer_email}}{{/if}}, puis notez le résultat de l’appel dans votre liste de tâches : <a href="{{tasks_link}}">{{tasks_link}}</a>

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
