# Textos fournis par Relance, français. Format : voir en.tpl. « ARRET » sans accent : Ê n'est pas
# dans GSM-7 et doublerait le prix du texto.

=== REMINDER_1
{{business_name}} : {{#if first_name}}{{first_name}}, {{/if}}l'entretien de votre {{#if vehicle}}{{vehicle}}{{else}}véhicule{{/if}} est prévu le {{appointment_date}}. Changer : {{short_link}} ARRET pour ne plus recevoir

=== REMINDER_2
{{business_name}} : rappel, entretien de votre {{#if vehicle}}{{vehicle}}{{else}}véhicule{{/if}} le {{appointment_date}}{{#if appointment_time}} à {{appointment_time}}{{/if}}. Répondez C pour confirmer, ARRET pour ne plus recevoir

=== NO_SHOW
{{business_name}} : nous vous attendions le {{appointment_date}}. Nouvelle date : {{short_link}} ARRET pour ne plus recevoir

=== THANK_YOU
{{business_name}} : merci de votre visite{{#if first_name}}, {{first_name}}{{/if}} ! Votre compte : {{short_link}} ARRET pour ne plus recevoir

=== DEFERRED
{{business_name}} : des travaux recommandés sur votre {{#if vehicle}}{{vehicle}}{{else}}véhicule{{/if}} restent à faire. Réserver : {{short_link}} ARRET pour ne plus recevoir

=== INACTIVE
{{business_name}} : vous nous manquez{{#if first_name}}, {{first_name}}{{/if}} ! Une inspection ? {{short_link}} ARRET pour ne plus recevoir

=== V01
{{business_name}} : bienvenue ! Historique et rendez-vous : {{short_link}} ARRET pour ne plus recevoir

=== V02
{{business_name}} : bon anniversaire{{#if first_name}}, {{first_name}}{{/if}} ! ARRET pour ne plus recevoir

=== E01
{{business_name}} : un entretien est dû sur votre {{#if vehicle}}{{vehicle}}{{else}}véhicule{{/if}}{{#if maintenance_due_date}} d'ici le {{maintenance_due_date}}{{/if}}. Réserver : {{short_link}} ARRET pour ne plus recevoir

=== E02
{{business_name}} : l'entretien de votre {{#if vehicle}}{{vehicle}}{{else}}véhicule{{/if}} est en retard. Réserver : {{short_link}} ARRET pour ne plus recevoir

=== E04
{{business_name}} : rendez-vous le {{appointment_date}}{{#if appointment_time}} à {{appointment_time}}{{/if}}{{#if vehicle}} pour votre {{vehicle}}{{/if}}. Répondez C pour confirmer. Changer : {{short_link}} ARRET pour ne plus recevoir

=== E05
{{business_name}} : {{#if appointment_cancelled}}votre rendez-vous du {{appointment_date}} est annulé.{{else}}rendez-vous confirmé le {{appointment_date}}{{#if appointment_time}} à {{appointment_time}}{{/if}}.{{/if}} {{short_link}} ARRET pour ne plus recevoir

=== E07
{{business_name}} : {{#if promotion_name}}{{promotion_name}}{{else}}une offre pour vous{{/if}}{{#if coupon_code}}, code {{coupon_code}}{{/if}}{{#if promotion_valid_until}} jusqu'au {{promotion_valid_until}}{{/if}}. {{short_link}} ARRET pour ne plus recevoir

=== REVIEW
{{business_name}} : merci de votre visite{{#if first_name}}, {{first_name}}{{/if}} ! Donnez votre avis : {{review_link}} ARRET pour ne plus recevoir
