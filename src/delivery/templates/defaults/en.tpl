# Relance shipped templates, English. Format: see ../defaults.ts. Merge fields: ../fields.ts.
# Email bodies: blank-line separated paragraphs (or MJML); the layout adds the signature and footer.
# Optional data (name, vehicle, plate, phone, dates, owner…) sits in {{#if}} blocks with a wording
# that reads well without it: a missing field never leaves a hole (missing-data.test.ts).

=== REMINDER_1 email
subject: {{#if vehicle}}{{vehicle}}: your{{else}}Your{{/if}} next service is coming up
{{#if mailing_name}}Dear {{mailing_name}},{{else}}Hello,{{/if}}

{{#if vehicles}}<p><strong>{{#each vehicles}}Re: {{description}}{{#if plate}}, plate {{plate}}{{/if}}<br/>{{/each}}</strong></p>{{/if}}

Just a friendly reminder! At your last visit we set your next service date to:

<p style="font-size:18px"><strong>{{appointment_date}}{{#if appointment_time}} at {{appointment_time}}{{/if}}</strong></p>

If this date does not suit you, just let us know. Otherwise we will confirm the appointment and remind you again a few days before.

{{#if business_phone}}You can reach us at {{business_phone}}{{else}}Reply to this email{{/if}} to reschedule or to talk about the maintenance and repair of your vehicle.

=== REMINDER_1 postcard
subject: Time for your next service
{{#if mailing_name}}Dear {{mailing_name}},{{else}}Hello,{{/if}}
At your last visit we set the next service of your {{#if vehicle}}{{vehicle}}{{#if plate}} ({{plate}}){{/if}}{{else}}vehicle{{/if}} for {{appointment_date}}.
If this date does not suit you, {{#if business_phone}}call us at {{business_phone}}{{else}}let us know at {{portal_link}}{{/if}}; otherwise we will confirm it and remind you before.
{{#if business_owner}}{{business_owner}}, {{/if}}{{business_name}}

=== REMINDER_2 email
subject: Reminder: service for your {{#if vehicle}}{{vehicle}}{{else}}vehicle{{/if}} on {{appointment_date}}
{{#if mailing_name}}Dear {{mailing_name}},{{else}}Hello,{{/if}}

{{#if vehicles}}<p><strong>{{#each vehicles}}Re: {{description}}{{#if plate}}, plate {{plate}}{{/if}}<br/>{{/each}}</strong></p>{{/if}}

Just a reminder! Your next service appointment is set for:

<p style="font-size:18px"><strong>{{appointment_date}}{{#if appointment_time}} at {{appointment_time}}{{/if}}</strong></p>

We look forward to seeing you. {{#if business_phone}}Call us at {{business_phone}}{{else}}Reply to this email{{/if}} if you need to reschedule or have any question about your vehicle.

=== REMINDER_2 postcard
subject: See you soon!
{{#if mailing_name}}Dear {{mailing_name}},{{else}}Hello,{{/if}}
Your {{#if vehicle}}{{vehicle}}{{#if plate}} ({{plate}}){{/if}}{{else}}vehicle{{/if}} is booked for service on {{appointment_date}}.
We look forward to seeing you. Need another date? {{#if business_phone}}Call {{business_phone}}.{{else}}Visit {{portal_link}}{{/if}}
{{#if business_owner}}{{business_owner}}, {{/if}}{{business_name}}

=== NO_SHOW email
subject: We missed you on {{appointment_date}}
{{#if mailing_name}}Dear {{mailing_name}},{{else}}Hello,{{/if}}

{{#if vehicles}}<p><strong>{{#each vehicles}}Re: {{description}}{{#if plate}}, plate {{plate}}{{/if}}<br/>{{/each}}</strong></p>{{/if}}

Oops, we missed you! We had your {{#if vehicle_model}}{{vehicle_model}}{{else}}vehicle{{/if}} booked for service on {{appointment_date}}{{#if appointment_time}} at {{appointment_time}}{{/if}}.

Please {{#if business_phone}}call us at {{business_phone}}{{else}}reply to this email{{/if}} to choose a new date, or to talk about any concern you have with the maintenance and repair of your vehicle.

=== NO_SHOW postcard
subject: We missed you!
{{#if mailing_name}}Dear {{mailing_name}},{{else}}Hello,{{/if}}
We had your {{#if vehicle}}{{vehicle}}{{#if plate}} ({{plate}}){{/if}}{{else}}vehicle{{/if}} booked for service on {{appointment_date}} and missed you.
{{#if business_phone}}Call us at {{business_phone}} to choose a new date.{{else}}Choose a new date at {{portal_link}}{{/if}}
{{#if business_owner}}{{business_owner}}, {{/if}}{{business_name}}

=== THANK_YOU email
subject: Thank you for your visit{{#if mailing_name}}, {{mailing_name}}{{/if}}
{{#if mailing_name}}Dear {{mailing_name}},{{else}}Hello,{{/if}}

{{#if vehicles}}<p><strong>{{#each vehicles}}Re: {{description}}{{#if plate}}, plate {{plate}}{{/if}}<br/>{{/each}}</strong></p>{{/if}}

Thanks for your business! You have many choices for the care of your vehicle, and the whole team at {{business_name}} thanks you for trusting us.

{{#if feedback_link}}Please tell us how we did or rate our service: <a href="{{feedback_link}}">{{feedback_link}}</a>. Your opinion helps us serve you better.{{/if}}

We look forward to seeing you again. Any of us will gladly answer your questions about the maintenance of your vehicle.

=== THANK_YOU postcard
subject: Thanks for your business!
{{#if mailing_name}}Dear {{mailing_name}},{{else}}Hello,{{/if}}
Thank you for choosing {{business_name}}{{#if vehicle}} for your {{vehicle}}{{/if}}. We appreciate your trust.
{{#if feedback_link}}Tell us how we did: {{feedback_link}}{{/if}}
{{#if business_owner}}{{business_owner}}, {{/if}}{{business_name}}

=== DEFERRED email
subject: Recommended work on your {{#if vehicle}}{{vehicle}}{{else}}vehicle{{/if}}
{{#if mailing_name}}Dear {{mailing_name}},{{else}}Hello,{{/if}}

{{#if vehicles}}<p><strong>{{#each vehicles}}Re: {{description}}{{#if plate}}, plate {{plate}}{{/if}}<br/>{{/each}}</strong></p>{{/if}}

At your last visit{{#if last_service_date}} on {{last_service_date}}{{/if}}, we recommended work that would improve the safety and operation of your vehicle. The items not done were:

<ul>{{#each deferred_items}}<li>{{this}}</li>{{/each}}</ul>

We would be happy to book an appointment at your convenience. {{#if business_phone}}Call us at {{business_phone}}{{else}}Reply to this email{{/if}} to schedule it or to discuss any concern.

=== DEFERRED postcard
subject: Work still recommended
{{#if mailing_name}}Dear {{mailing_name}},{{else}}Hello,{{/if}}
At your last visit we recommended for your {{#if vehicle}}{{vehicle}}{{else}}vehicle{{/if}}:
{{#each deferred_items}}- {{this}}
{{/each}}{{#if business_phone}}Call {{business_phone}} to book it at your convenience.{{else}}Book it at your convenience: {{portal_link}}{{/if}}
{{#if business_owner}}{{business_owner}}, {{/if}}{{business_name}}

=== INACTIVE email
subject: We have not seen your {{#if vehicle_model}}{{vehicle_model}}{{else}}vehicle{{/if}} for a while
{{#if mailing_name}}Dear {{mailing_name}},{{else}}Hello,{{/if}}

{{#if vehicles}}<p><strong>{{#each vehicles}}Re: {{description}}{{#if plate}}, plate {{plate}}{{/if}}<br/>{{/each}}</strong></p>{{/if}}

We were thinking of you the other day: we have not seen you and your {{#if vehicle_model}}{{vehicle_model}}{{else}}vehicle{{/if}} for some time.{{#if last_service_date}} Our records show your last service on {{last_service_date}}.{{/if}}

If that was indeed your last service, your vehicle is probably due for an oil change and a maintenance inspection according to the maker's recommended schedule.

We would be happy to book it at your convenience. {{#if business_phone}}Call us at {{business_phone}}.{{else}}Just reply to this email.{{/if}}

=== INACTIVE postcard
subject: We miss you!
{{#if mailing_name}}Dear {{mailing_name}},{{else}}Hello,{{/if}}
Your {{#if vehicle}}{{vehicle}}{{else}}vehicle{{/if}} was last serviced with us{{#if last_service_date}} on {{last_service_date}}{{else}} some time ago{{/if}}. It is probably due for an oil change and an inspection.
{{#if business_phone}}Call {{business_phone}} to book at your convenience.{{else}}Book at your convenience: {{portal_link}}{{/if}}
{{#if business_owner}}{{business_owner}}, {{/if}}{{business_name}}

=== V01 email
subject: Welcome to {{business_name}}
{{#if mailing_name}}Dear {{mailing_name}},{{else}}Hello,{{/if}}

Thank you for choosing {{business_name}}! We now follow the maintenance of your {{#if vehicles}}vehicle:{{else}}vehicle.{{/if}}

{{#if vehicles}}<ul>{{#each vehicles}}<li>{{description}}{{#if plate}} ({{plate}}){{/if}}</li>{{/each}}</ul>{{/if}}

In your personal space you can check your file, the maintenance schedule and the service history of your vehicles, and request an appointment: <a href="{{portal_link}}">{{portal_link}}</a>

We will remind you when maintenance falls due.

=== V01 postcard
subject: Welcome!
{{#if mailing_name}}Dear {{mailing_name}},{{else}}Hello,{{/if}}
Thank you for choosing {{business_name}}{{#if vehicle}} for your {{vehicle}}{{/if}}. We will remind you when maintenance falls due.
Give us your email {{#if business_phone}}by phone at {{business_phone}} or {{/if}}online: {{portal_link}}
{{#if business_owner}}{{business_owner}}, {{/if}}{{business_name}}

=== V02 email
subject: Happy birthday{{#if mailing_name}}, {{mailing_name}}{{/if}}!
{{#if mailing_name}}Dear {{mailing_name}},{{else}}Hello,{{/if}}

The whole team at {{business_name}} wishes you a very happy birthday!

Thank you for your trust, and enjoy your day.

=== V02 postcard
subject: Happy birthday!
{{#if mailing_name}}Dear {{mailing_name}},{{else}}Hello,{{/if}}
The whole team at {{business_name}} wishes you a very happy birthday!
{{#if business_owner}}{{business_owner}}, {{/if}}{{business_name}}

=== E01 email
subject: Maintenance due soon for your {{#if vehicle}}{{vehicle}}{{else}}vehicle{{/if}}
{{#if mailing_name}}Dear {{mailing_name}},{{else}}Hello,{{/if}}

{{#if vehicles}}<p><strong>{{#each vehicles}}Re: {{description}}{{#if plate}}, plate {{plate}}{{/if}}<br/>{{/each}}</strong></p>{{/if}}

According to the maker's schedule, your vehicle's next maintenance falls due around {{maintenance_due_date}}:

<ul>{{#each maintenance_items}}<li>{{this}}</li>{{/each}}</ul>

{{#if business_phone}}Call us at {{business_phone}} or request{{else}}Request{{/if}} an appointment online: <a href="{{portal_link}}">{{portal_link}}</a>

=== E01 postcard
subject: Maintenance due soon
{{#if mailing_name}}Dear {{mailing_name}},{{else}}Hello,{{/if}}
Your {{#if vehicle}}{{vehicle}}{{#if plate}} ({{plate}}){{/if}}{{else}}vehicle{{/if}} is due for maintenance around {{maintenance_due_date}}:
{{#each maintenance_items}}- {{this}}
{{/each}}{{#if business_phone}}Call {{business_phone}} to book.{{else}}Book online: {{portal_link}}{{/if}}
{{#if business_owner}}{{business_owner}}, {{/if}}{{business_name}}

=== E02 email
subject: Second reminder: maintenance for your {{#if vehicle}}{{vehicle}}{{else}}vehicle{{/if}}
{{#if mailing_name}}Dear {{mailing_name}},{{else}}Hello,{{/if}}

{{#if vehicles}}<p><strong>{{#each vehicles}}Re: {{description}}{{#if plate}}, plate {{plate}}{{/if}}<br/>{{/each}}</strong></p>{{/if}}

We recently reminded you that your vehicle's maintenance falls due around {{maintenance_due_date}}, and we have not seen you since:

<ul>{{#each maintenance_items}}<li>{{this}}</li>{{/each}}</ul>

Following the maker's schedule protects your warranty and your safety. {{#if business_phone}}Call us at {{business_phone}} or request{{else}}Request{{/if}} an appointment online: <a href="{{portal_link}}">{{portal_link}}</a>

=== E02 postcard
subject: Your maintenance is due
{{#if mailing_name}}Dear {{mailing_name}},{{else}}Hello,{{/if}}
A reminder: your {{#if vehicle}}{{vehicle}}{{#if plate}} ({{plate}}){{/if}}{{else}}vehicle{{/if}} is due for maintenance around {{maintenance_due_date}}.
Following the maker's schedule protects your warranty. {{#if business_phone}}Call {{business_phone}} to book.{{else}}Book online: {{portal_link}}{{/if}}
{{#if business_owner}}{{business_owner}}, {{/if}}{{business_name}}

=== E03 email
subject: How did we do{{#if mailing_name}}, {{mailing_name}}{{/if}}?
{{#if mailing_name}}Dear {{mailing_name}},{{else}}Hello,{{/if}}

Thank you for trusting us with the maintenance of your {{#if vehicle}}{{vehicle}}{{else}}vehicle{{/if}}{{#if last_service_date}} on {{last_service_date}}{{/if}}. How would you rate our service? One click is enough:

<p>{{#each survey_ratings}}<a href="{{url}}" style="display:inline-block;padding:8px 14px;margin:2px;background:#1f3a5f;color:#ffffff;text-decoration:none;border-radius:4px">{{rating}}</a> {{/each}}</p>

<p style="font-size:12px;color:#555555">1 = poor, 5 = excellent. You can also add a comment: <a href="{{survey_link}}">{{survey_link}}</a></p>

=== E03 postcard
subject: How did we do?
{{#if mailing_name}}Dear {{mailing_name}},{{else}}Hello,{{/if}}
Thank you for trusting us with your {{#if vehicle}}{{vehicle}}{{else}}vehicle{{/if}}. Rate our service from 1 to 5 at:
{{survey_link}}
{{#if business_owner}}{{business_owner}}, {{/if}}{{business_name}}

=== E04 email
subject: Reminder: your appointment on {{appointment_date}} at {{appointment_time}}
{{#if mailing_name}}Dear {{mailing_name}},{{else}}Hello,{{/if}}

A friendly reminder of your appointment at {{business_name}}:

<p style="font-size:18px"><strong>{{appointment_date}} at {{appointment_time}}</strong></p>

{{#if vehicle}}<p>Vehicle: {{vehicle}}{{#if plate}} ({{plate}}){{/if}}</p>{{/if}}

{{#if appointment_service}}<p>Service: {{appointment_service}}</p>{{/if}}

The invitation attached adds it to your calendar. Need to change it? {{#if business_phone}}Call us at {{business_phone}}.{{else}}Just reply to this email.{{/if}}

=== E04 postcard
subject: Your appointment
{{#if mailing_name}}Dear {{mailing_name}},{{else}}Hello,{{/if}}
A reminder of your appointment at {{business_name}} on {{appointment_date}} at {{appointment_time}}.
Need to change it? {{#if business_phone}}Call {{business_phone}}.{{else}}Visit {{portal_link}}{{/if}}
{{#if business_owner}}{{business_owner}}, {{/if}}{{business_name}}

=== E05 email
subject: {{#if appointment_cancelled}}Appointment cancelled{{else}}Appointment confirmed{{/if}}: {{appointment_date}} at {{appointment_time}}
{{#if mailing_name}}Dear {{mailing_name}},{{else}}Hello,{{/if}}

{{#if appointment_cancelled}}Your appointment is cancelled:{{else}}Your appointment request is confirmed:{{/if}}

<p style="font-size:18px"><strong>{{appointment_date}} at {{appointment_time}}</strong></p>

{{#if vehicle}}<p>Vehicle: {{vehicle}}{{#if plate}} ({{plate}}){{/if}}</p>{{/if}}

{{#if appointment_service}}<p>Service: {{appointment_service}}</p>{{/if}}

{{#if appointment_cancelled}}The attachment removes it from your calendar. To book another time, {{#if business_phone}}call us at {{business_phone}}{{else}}reply to this email{{/if}} or visit {{portal_link}}.{{else}}The invitation attached adds it to your calendar. We will send you a reminder before. Need to change it? {{#if business_phone}}Call us at {{business_phone}}.{{else}}Just reply to this email.{{/if}}{{/if}}

=== E05 postcard
subject: Appointment confirmed
{{#if mailing_name}}Dear {{mailing_name}},{{else}}Hello,{{/if}}
Your appointment at {{business_name}} is confirmed for {{appointment_date}} at {{appointment_time}}.
Need to change it? {{#if business_phone}}Call {{business_phone}}.{{else}}Visit {{portal_link}}{{/if}}
{{#if business_owner}}{{business_owner}}, {{/if}}{{business_name}}

=== E07 email
subject: An offer for you from {{business_name}}
{{#if mailing_name}}Dear {{mailing_name}},{{else}}Hello,{{/if}}

It was a pleasure to talk with you again. To welcome you back, here is an offer just for you:

<p style="font-size:18px"><strong>{{promotion_name}}</strong></p>

{{#if promotion_description}}<p>{{promotion_description}}</p>{{/if}}

{{#if coupon_code}}<p>Your coupon code: <strong style="font-size:18px;letter-spacing:2px">{{coupon_code}}</strong></p>{{/if}}

{{#if promotion_valid_until}}<p>Valid until {{promotion_valid_until}}.</p>{{/if}}

{{#if business_phone}}Call us at {{business_phone}}{{else}}Reply to this email{{/if}} to book, and bring this message with you.

=== E07 postcard
subject: An offer for you
{{#if mailing_name}}Dear {{mailing_name}},{{else}}Hello,{{/if}}
To welcome you back: {{promotion_name}}.
{{#if coupon_code}}Coupon code: {{coupon_code}}
{{/if}}{{#if promotion_valid_until}}Valid until {{promotion_valid_until}}.
{{/if}}{{#if business_phone}}Call {{business_phone}} to book.{{else}}Book online: {{portal_link}}{{/if}}
{{#if business_owner}}{{business_owner}}, {{/if}}{{business_name}}

=== CAMPAIGN email
subject: {{#if promotion_name}}{{promotion_name}}: an offer{{else}}News{{/if}} from {{business_name}}
{{#if mailing_name}}Dear {{mailing_name}},{{else}}Hello,{{/if}}

{{#if vehicles}}<p><strong>{{#each vehicles}}Re: {{description}}{{#if plate}}, plate {{plate}}{{/if}}<br/>{{/each}}</strong></p>{{/if}}

{{#if promotion_name}}Here is an offer for you:

<p style="font-size:18px"><strong>{{promotion_name}}</strong></p>

{{#if promotion_description}}<p>{{promotion_description}}</p>{{/if}}

{{#if coupon_code}}<p>Your coupon code: <strong style="font-size:18px;letter-spacing:2px">{{coupon_code}}</strong></p>{{/if}}

{{#if promotion_valid_until}}<p>Valid until {{promotion_valid_until}}.</p>{{/if}}{{else}}We would be glad to see you again for the maintenance of your vehicle.{{/if}}

{{#if business_phone}}Call us at {{business_phone}}{{else}}Reply to this email{{/if}} to book, and bring this message with you.

=== CAMPAIGN postcard
subject: {{#if promotion_name}}An offer for you{{else}}News from your garage{{/if}}
{{#if mailing_name}}Dear {{mailing_name}},{{else}}Hello,{{/if}}
{{#if promotion_name}}For you: {{promotion_name}}.{{else}}We would be glad to see you again.{{/if}}
{{#if coupon_code}}Coupon code: {{coupon_code}}
{{/if}}{{#if promotion_valid_until}}Valid until {{promotion_valid_until}}.
{{/if}}{{#if business_phone}}Call {{business_phone}} to book.{{else}}Book online: {{portal_link}}{{/if}}
{{#if business_owner}}{{business_owner}}, {{/if}}{{business_name}}

=== E06 email
subject: Survey answers for {{business_name}}
Hello {{staff_name}},

Here are the latest answers to the satisfaction survey:

<ul>{{#each survey_answers}}<li><strong>{{rating}}/5</strong>: {{customer}}{{#if vehicle}} ({{vehicle}}){{/if}}, {{answered_on}}{{#if comment}}<br/>"{{comment}}"{{/if}}</li>{{/each}}</ul>

Your task list: <a href="{{tasks_link}}">{{tasks_link}}</a>

=== P00 email
subject: Call task: {{customer_name}} may be a lost customer
Hello {{staff_name}},

{{customer_name}} did not react to the second maintenance recall{{#if vehicle}} for {{vehicle}}{{#if plate}} ({{plate}}){{/if}}{{/if}}: no visit and no appointment since.

Please {{#if customer_phone}}call to re-establish contact at {{customer_phone}}{{#if customer_email}} or write to {{customer_email}}{{/if}}{{else}}{{#if customer_email}}write to re-establish contact at {{customer_email}}{{else}}re-establish contact{{/if}}{{/if}}, then record the outcome in your task list: <a href="{{tasks_link}}">{{tasks_link}}</a>

=== P01 email
subject: {{customer_name}} changed their file
Hello {{staff_name}},

{{customer_name}} changed their file through the customer portal:

<ul>{{#each changes}}<li>{{field}}: "{{from}}" → "{{to}}"</li>{{/each}}</ul>

Your task list: <a href="{{tasks_link}}">{{tasks_link}}</a>

=== V01_SALES email
subject: New vehicle for {{customer_name}}
Hello {{staff_name}},

A vehicle was captured today for {{customer_name}}:

<ul>{{#each vehicles}}<li>{{description}}{{#if plate}} ({{plate}}){{/if}}</li>{{/each}}</ul>

Please follow up with the customer{{#if customer_phone}} at {{customer_phone}}{{/if}}{{#if customer_email}} or {{customer_email}}{{/if}}, then close the task in your task list: <a href="{{tasks_link}}">{{tasks_link}}</a>

=== P02 email
subject: Appointment request: {{customer_name}}, {{appointment_date}} at {{appointment_time}}
Hello {{staff_name}},

{{customer_name}} asked online for an appointment on {{appointment_date}} at {{appointment_time}}{{#if vehicle}} for {{vehicle}}{{#if plate}} ({{plate}}){{/if}}{{/if}}.
{{#if appointment_service}}Service requested: {{appointment_service}}
{{/if}}{{#if mechanic}}The time is held with {{mechanic}}.
{{/if}}{{#if customer_phone}}Phone: {{customer_phone}}
{{/if}}{{#if customer_email}}Email: {{customer_email}}
{{/if}}
Please confirm or change it in the appointment book: <a href="{{appointments_link}}">{{appointments_link}}</a>

=== REVIEW email
subject: How was your visit to {{business_name}}?
{{#if mailing_name}}Dear {{mailing_name}},{{else}}Hello,{{/if}}

Thank you for choosing {{business_name}}{{#if vehicle}} for your {{vehicle}}{{/if}}{{#if last_service_date}} on {{last_service_date}}{{/if}}.

Would you take a minute to review your visit? Every honest opinion helps other drivers choose, and helps us do better: <a href="{{review_link}}">{{review_link}}</a>

Thank you for your time.

=== REVIEW postcard
subject: How was your visit?
{{#if mailing_name}}Dear {{mailing_name}},{{else}}Hello,{{/if}}
Thank you for choosing {{business_name}}{{#if vehicle}} for your {{vehicle}}{{/if}}. Would you review your visit? Every honest opinion helps:
{{review_link}}
{{#if business_owner}}{{business_owner}}, {{/if}}{{business_name}}
