# Relance shipped templates, English. Format: see ../defaults.ts. Merge fields: ../fields.ts.
# Email bodies: blank-line separated paragraphs (or MJML); the layout adds the signature and footer.

=== REMINDER_1 email
subject: {{vehicle}}: your next service is coming up
Dear {{mailing_name}},

<p><strong>{{#each vehicles}}Re: {{description}}{{#if plate}}, plate {{plate}}{{/if}}<br/>{{/each}}</strong></p>

Just a friendly reminder! At your last visit we set your next service date to:

<p style="font-size:18px"><strong>{{appointment_date}}{{#if appointment_time}} at {{appointment_time}}{{/if}}</strong></p>

If this date does not suit you, just let us know. Otherwise we will confirm the appointment and remind you again a few days before.

You can reach us at {{business_phone}} to reschedule or to talk about the maintenance and repair of your vehicle.

=== REMINDER_1 postcard
subject: Time for your next service
Dear {{mailing_name}},
At your last visit we set the next service of your {{vehicle}} ({{plate}}) for {{appointment_date}}.
If this date does not suit you, call us at {{business_phone}}; otherwise we will confirm it and remind you before.
{{business_owner}}, {{business_name}}

=== REMINDER_2 email
subject: Reminder: service for your {{vehicle}} on {{appointment_date}}
Dear {{mailing_name}},

<p><strong>{{#each vehicles}}Re: {{description}}{{#if plate}}, plate {{plate}}{{/if}}<br/>{{/each}}</strong></p>

Just a reminder! Your next service appointment is set for:

<p style="font-size:18px"><strong>{{appointment_date}}{{#if appointment_time}} at {{appointment_time}}{{/if}}</strong></p>

We look forward to seeing you. Call us at {{business_phone}} if you need to reschedule or have any question about your vehicle.

=== REMINDER_2 postcard
subject: See you soon!
Dear {{mailing_name}},
Your {{vehicle}} ({{plate}}) is booked for service on {{appointment_date}}.
We look forward to seeing you. Need another date? Call {{business_phone}}.
{{business_owner}}, {{business_name}}

=== NO_SHOW email
subject: We missed you on {{appointment_date}}
Dear {{mailing_name}},

<p><strong>{{#each vehicles}}Re: {{description}}{{#if plate}}, plate {{plate}}{{/if}}<br/>{{/each}}</strong></p>

Oops, we missed you! We had your {{vehicle_model}} booked for service on {{appointment_date}}{{#if appointment_time}} at {{appointment_time}}{{/if}}.

Please call us at {{business_phone}} to choose a new date, or to talk about any concern you have with the maintenance and repair of your vehicle.

=== NO_SHOW postcard
subject: We missed you!
Dear {{mailing_name}},
We had your {{vehicle}} ({{plate}}) booked for service on {{appointment_date}} and missed you.
Call us at {{business_phone}} to choose a new date.
{{business_owner}}, {{business_name}}

=== THANK_YOU email
subject: Thank you for your visit, {{mailing_name}}
Dear {{mailing_name}},

<p><strong>{{#each vehicles}}Re: {{description}}{{#if plate}}, plate {{plate}}{{/if}}<br/>{{/each}}</strong></p>

Thanks for your business! You have many choices for the care of your vehicle, and the whole team at {{business_name}} thanks you for trusting us.

{{#if feedback_link}}Please tell us how we did or rate our service: <a href="{{feedback_link}}">{{feedback_link}}</a>. Your opinion helps us serve you better.{{/if}}

We look forward to seeing you again. Any of us will gladly answer your questions about the maintenance of your vehicle.

=== THANK_YOU postcard
subject: Thanks for your business!
Dear {{mailing_name}},
Thank you for choosing {{business_name}} for your {{vehicle}}. We appreciate your trust.
{{#if feedback_link}}Tell us how we did: {{feedback_link}}{{/if}}
{{business_owner}}, {{business_name}}

=== DEFERRED email
subject: Recommended work on your {{vehicle}}
Dear {{mailing_name}},

<p><strong>{{#each vehicles}}Re: {{description}}{{#if plate}}, plate {{plate}}{{/if}}<br/>{{/each}}</strong></p>

At your last visit{{#if last_service_date}} on {{last_service_date}}{{/if}}, we recommended work that would improve the safety and operation of your vehicle. The items not done were:

<ul>{{#each deferred_items}}<li>{{this}}</li>{{/each}}</ul>

We would be happy to book an appointment at your convenience. Call us at {{business_phone}} to schedule it or to discuss any concern.

=== DEFERRED postcard
subject: Work still recommended
Dear {{mailing_name}},
At your last visit we recommended for your {{vehicle}}:
{{#each deferred_items}}- {{this}}
{{/each}}Call {{business_phone}} to book it at your convenience.
{{business_owner}}, {{business_name}}

=== INACTIVE email
subject: We have not seen your {{vehicle_model}} for a while
Dear {{mailing_name}},

<p><strong>{{#each vehicles}}Re: {{description}}{{#if plate}}, plate {{plate}}{{/if}}<br/>{{/each}}</strong></p>

We were thinking of you the other day: we have not seen you and your {{vehicle_model}} for some time. Our records show your last service on {{last_service_date}}.

If that was indeed your last service, your vehicle is probably due for an oil change and a maintenance inspection according to the maker's recommended schedule.

We would be happy to book it at your convenience. Call us at {{business_phone}}.

=== INACTIVE postcard
subject: We miss you!
Dear {{mailing_name}},
Your {{vehicle}} was last serviced with us on {{last_service_date}}. It is probably due for an oil change and an inspection.
Call {{business_phone}} to book at your convenience.
{{business_owner}}, {{business_name}}

=== V01 email
subject: Welcome to {{business_name}}
Dear {{mailing_name}},

Thank you for choosing {{business_name}}! We now follow the maintenance of your vehicle:

<ul>{{#each vehicles}}<li>{{description}}{{#if plate}} ({{plate}}){{/if}}</li>{{/each}}</ul>

In your personal space you can check your file, the maintenance schedule and the service history of your vehicles, and request an appointment: <a href="{{portal_link}}">{{portal_link}}</a>

We will remind you when maintenance falls due.

=== V01 postcard
subject: Welcome!
Dear {{mailing_name}},
Thank you for choosing {{business_name}} for your {{vehicle}}. We will remind you when maintenance falls due.
Give us your email by phone at {{business_phone}} or online: {{portal_link}}
{{business_owner}}, {{business_name}}

=== V02 email
subject: Happy birthday, {{mailing_name}}!
Dear {{mailing_name}},

The whole team at {{business_name}} wishes you a very happy birthday!

Thank you for your trust, and enjoy your day.

=== V02 postcard
subject: Happy birthday!
Dear {{mailing_name}},
The whole team at {{business_name}} wishes you a very happy birthday!
{{business_owner}}, {{business_name}}

=== E01 email
subject: Maintenance due soon for your {{vehicle}}
Dear {{mailing_name}},

<p><strong>{{#each vehicles}}Re: {{description}}{{#if plate}}, plate {{plate}}{{/if}}<br/>{{/each}}</strong></p>

According to the maker's schedule, your vehicle's next maintenance falls due around {{maintenance_due_date}}:

<ul>{{#each maintenance_items}}<li>{{this}}</li>{{/each}}</ul>

Call us at {{business_phone}} or request an appointment online: <a href="{{portal_link}}">{{portal_link}}</a>

=== E01 postcard
subject: Maintenance due soon
Dear {{mailing_name}},
Your {{vehicle}} ({{plate}}) is due for maintenance around {{maintenance_due_date}}:
{{#each maintenance_items}}- {{this}}
{{/each}}Call {{business_phone}} to book.
{{business_owner}}, {{business_name}}

=== E02 email
subject: Second reminder: maintenance for your {{vehicle}}
Dear {{mailing_name}},

<p><strong>{{#each vehicles}}Re: {{description}}{{#if plate}}, plate {{plate}}{{/if}}<br/>{{/each}}</strong></p>

We recently reminded you that your vehicle's maintenance falls due around {{maintenance_due_date}}, and we have not seen you since:

<ul>{{#each maintenance_items}}<li>{{this}}</li>{{/each}}</ul>

Following the maker's schedule protects your warranty and your safety. Call us at {{business_phone}} or request an appointment online: <a href="{{portal_link}}">{{portal_link}}</a>

=== E02 postcard
subject: Your maintenance is due
Dear {{mailing_name}},
A reminder: your {{vehicle}} ({{plate}}) is due for maintenance around {{maintenance_due_date}}.
Following the maker's schedule protects your warranty. Call {{business_phone}} to book.
{{business_owner}}, {{business_name}}

=== E03 email
subject: How did we do, {{mailing_name}}?
Dear {{mailing_name}},

Thank you for trusting us with the maintenance of your {{vehicle}}{{#if last_service_date}} on {{last_service_date}}{{/if}}. How would you rate our service? One click is enough:

<p>{{#each survey_ratings}}<a href="{{url}}" style="display:inline-block;padding:8px 14px;margin:2px;background:#1f3a5f;color:#ffffff;text-decoration:none;border-radius:4px">{{rating}}</a> {{/each}}</p>

<p style="font-size:12px;color:#555555">1 = poor, 5 = excellent. You can also add a comment: <a href="{{survey_link}}">{{survey_link}}</a></p>

=== E03 postcard
subject: How did we do?
Dear {{mailing_name}},
Thank you for trusting us with your {{vehicle}}. Rate our service from 1 to 5 at:
{{survey_link}}
{{business_owner}}, {{business_name}}

=== E04 email
subject: Reminder: your appointment on {{appointment_date}} at {{appointment_time}}
Dear {{mailing_name}},

A friendly reminder of your appointment at {{business_name}}:

<p style="font-size:18px"><strong>{{appointment_date}} at {{appointment_time}}</strong></p>

{{#if vehicle}}<p>Vehicle: {{vehicle}}{{#if plate}} ({{plate}}){{/if}}</p>{{/if}}

{{#if appointment_service}}<p>Service: {{appointment_service}}</p>{{/if}}

The invitation attached adds it to your calendar. Need to change it? Call us at {{business_phone}}.

=== E04 postcard
subject: Your appointment
Dear {{mailing_name}},
A reminder of your appointment at {{business_name}} on {{appointment_date}} at {{appointment_time}}.
Need to change it? Call {{business_phone}}.
{{business_owner}}, {{business_name}}

=== E05 email
subject: Appointment confirmed: {{appointment_date}} at {{appointment_time}}
Dear {{mailing_name}},

Your appointment request is confirmed:

<p style="font-size:18px"><strong>{{appointment_date}} at {{appointment_time}}</strong></p>

{{#if vehicle}}<p>Vehicle: {{vehicle}}{{#if plate}} ({{plate}}){{/if}}</p>{{/if}}

{{#if appointment_service}}<p>Service: {{appointment_service}}</p>{{/if}}

The invitation attached adds it to your calendar. We will send you a reminder before. Need to change it? Call us at {{business_phone}}.

=== E05 postcard
subject: Appointment confirmed
Dear {{mailing_name}},
Your appointment at {{business_name}} is confirmed for {{appointment_date}} at {{appointment_time}}.
Need to change it? Call {{business_phone}}.
{{business_owner}}, {{business_name}}

=== E07 email
subject: An offer for you from {{business_name}}
Dear {{mailing_name}},

It was a pleasure to talk with you again. To welcome you back, here is an offer just for you:

<p style="font-size:18px"><strong>{{promotion_name}}</strong></p>

{{#if promotion_description}}<p>{{promotion_description}}</p>{{/if}}

{{#if coupon_code}}<p>Your coupon code: <strong style="font-size:18px;letter-spacing:2px">{{coupon_code}}</strong></p>{{/if}}

{{#if promotion_valid_until}}<p>Valid until {{promotion_valid_until}}.</p>{{/if}}

Call us at {{business_phone}} to book, and bring this message with you.

=== E07 postcard
subject: An offer for you
Dear {{mailing_name}},
To welcome you back: {{promotion_name}}.
{{#if coupon_code}}Coupon code: {{coupon_code}}
{{/if}}{{#if promotion_valid_until}}Valid until {{promotion_valid_until}}.
{{/if}}Call {{business_phone}} to book.
{{business_owner}}, {{business_name}}

=== E06 email
subject: Survey answers for {{business_name}}
Hello {{staff_name}},

Here are the latest answers to the satisfaction survey:

<ul>{{#each survey_answers}}<li><strong>{{rating}}/5</strong>: {{customer}}{{#if vehicle}} ({{vehicle}}){{/if}}, {{answered_on}}{{#if comment}}<br/>"{{comment}}"{{/if}}</li>{{/each}}</ul>

Your task list: <a href="{{tasks_link}}">{{tasks_link}}</a>

=== P00 email
subject: Call task: {{customer_name}} may be a lost customer
Hello {{staff_name}},

{{customer_name}} did not react to the second maintenance recall for {{vehicle}}{{#if plate}} ({{plate}}){{/if}}: no visit and no appointment since.

Please call to re-establish contact{{#if customer_phone}} at {{customer_phone}}{{/if}}{{#if customer_email}} or write to {{customer_email}}{{/if}}, then record the outcome of the call in your task list: <a href="{{tasks_link}}">{{tasks_link}}</a>

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
