# Mensajes de texto de Relance, español. Formato: ver en.tpl. Sin tildes en el pie: á, í, ó, ú no
# están en GSM-7 y duplicarían el precio del mensaje.

=== REMINDER_1
{{business_name}}: {{#if first_name}}{{first_name}}, {{/if}}el servicio de su {{#if vehicle}}{{vehicle}}{{else}}vehiculo{{/if}} es el {{appointment_date}}. Cambiar: {{short_link}} Responda ALTO para no recibir mas

=== REMINDER_2
{{business_name}}: recordatorio, servicio de su {{#if vehicle}}{{vehicle}}{{else}}vehiculo{{/if}} el {{appointment_date}}{{#if appointment_time}} a las {{appointment_time}}{{/if}}. Responda C para confirmar, ALTO para no recibir mas

=== NO_SHOW
{{business_name}}: le esperabamos el {{appointment_date}}. Nueva fecha: {{short_link}} Responda ALTO para no recibir mas

=== THANK_YOU
{{business_name}}: gracias por su visita{{#if first_name}}, {{first_name}}{{/if}}. Su cuenta: {{short_link}} Responda ALTO para no recibir mas

=== DEFERRED
{{business_name}}: hay trabajos recomendados pendientes en su {{#if vehicle}}{{vehicle}}{{else}}vehiculo{{/if}}. Reservar: {{short_link}} Responda ALTO para no recibir mas

=== INACTIVE
{{business_name}}: le extranamos{{#if first_name}}, {{first_name}}{{/if}}. Una revision? {{short_link}} Responda ALTO para no recibir mas

=== V01
{{business_name}}: bienvenido. Historial y citas: {{short_link}} Responda ALTO para no recibir mas

=== V02
{{business_name}}: feliz cumpleanos{{#if first_name}}, {{first_name}}{{/if}}! Responda ALTO para no recibir mas

=== E01
{{business_name}}: su {{#if vehicle}}{{vehicle}}{{else}}vehiculo{{/if}} necesita mantenimiento{{#if maintenance_due_date}} antes del {{maintenance_due_date}}{{/if}}. Reservar: {{short_link}} Responda ALTO para no recibir mas

=== E02
{{business_name}}: el mantenimiento de su {{#if vehicle}}{{vehicle}}{{else}}vehiculo{{/if}} esta atrasado. Reservar: {{short_link}} Responda ALTO para no recibir mas

=== E04
{{business_name}}: cita el {{appointment_date}}{{#if appointment_time}} a las {{appointment_time}}{{/if}}{{#if vehicle}} para su {{vehicle}}{{/if}}. Responda C para confirmar. Cambiar: {{short_link}} ALTO para no recibir mas

=== E05
{{business_name}}: {{#if appointment_cancelled}}su cita del {{appointment_date}} esta cancelada.{{else}}cita confirmada el {{appointment_date}}{{#if appointment_time}} a las {{appointment_time}}{{/if}}.{{/if}} {{short_link}} Responda ALTO para no recibir mas

=== E07
{{business_name}}: {{#if promotion_name}}{{promotion_name}}{{else}}una oferta para usted{{/if}}{{#if coupon_code}}, codigo {{coupon_code}}{{/if}}{{#if promotion_valid_until}} hasta el {{promotion_valid_until}}{{/if}}. {{short_link}} Responda ALTO para no recibir mas

=== REVIEW
{{business_name}}: gracias por su visita{{#if first_name}}, {{first_name}}{{/if}}. Denos su opinion: {{review_link}} Responda ALTO para no recibir mas
