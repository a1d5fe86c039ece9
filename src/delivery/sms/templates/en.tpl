# Relance shipped text messages, English. One "=== KIND" section per kind; the body is the text.
# Keep them short: a text over 160 GSM-7 characters (70 with any character outside GSM-7, such as
# ê or ç) costs more segments. {{short_link}} is a short link to the customer's portal. The sender
# adds nothing: each text names the shop and says how to stop.

=== REMINDER_1
{{business_name}}: {{#if first_name}}{{first_name}}, {{/if}}your {{#if vehicle}}{{vehicle}}{{else}}vehicle{{/if}} is due for service on {{appointment_date}}. Change it: {{short_link}} Reply STOP to opt out

=== REMINDER_2
{{business_name}}: reminder, service for your {{#if vehicle}}{{vehicle}}{{else}}vehicle{{/if}} on {{appointment_date}}{{#if appointment_time}} at {{appointment_time}}{{/if}}. Reply C to confirm, STOP to opt out

=== NO_SHOW
{{business_name}}: we missed you on {{appointment_date}}. Pick a new date: {{short_link}} Reply STOP to opt out

=== THANK_YOU
{{business_name}}: thank you for your visit{{#if first_name}}, {{first_name}}{{/if}}! Your account: {{short_link}} Reply STOP to opt out

=== DEFERRED
{{business_name}}: work recommended on your {{#if vehicle}}{{vehicle}}{{else}}vehicle{{/if}} is still open. Book it: {{short_link}} Reply STOP to opt out

=== INACTIVE
{{business_name}}: we miss you{{#if first_name}}, {{first_name}}{{/if}}! Time for a check-up? {{short_link}} Reply STOP to opt out

=== V01
{{business_name}}: welcome! Your service history and bookings: {{short_link}} Reply STOP to opt out

=== V02
{{business_name}}: happy birthday{{#if first_name}}, {{first_name}}{{/if}}! Reply STOP to opt out

=== E01
{{business_name}}: maintenance is due on your {{#if vehicle}}{{vehicle}}{{else}}vehicle{{/if}}{{#if maintenance_due_date}} by {{maintenance_due_date}}{{/if}}. Book: {{short_link}} Reply STOP to opt out

=== E02
{{business_name}}: maintenance on your {{#if vehicle}}{{vehicle}}{{else}}vehicle{{/if}} is overdue. Book: {{short_link}} Reply STOP to opt out

=== E04
{{business_name}}: appointment {{appointment_date}}{{#if appointment_time}} at {{appointment_time}}{{/if}}{{#if vehicle}} for your {{vehicle}}{{/if}}. Reply C to confirm. Change: {{short_link}} STOP to opt out

=== E05
{{business_name}}: {{#if appointment_cancelled}}your appointment on {{appointment_date}} is cancelled.{{else}}appointment confirmed {{appointment_date}}{{#if appointment_time}} at {{appointment_time}}{{/if}}.{{/if}} {{short_link}} Reply STOP to opt out

=== E07
{{business_name}}: {{#if promotion_name}}{{promotion_name}}{{else}}an offer for you{{/if}}{{#if coupon_code}}, code {{coupon_code}}{{/if}}{{#if promotion_valid_until}} until {{promotion_valid_until}}{{/if}}. {{short_link}} Reply STOP to opt out

=== REVIEW
{{business_name}}: thanks for your visit{{#if first_name}}, {{first_name}}{{/if}}! Would you review it? {{review_link}} Reply STOP to opt out
