# Plantillas incluidas con Relance, español. Formato: ver ../defaults.ts. Campos: ../fields.ts.

=== REMINDER_1 email
subject: {{vehicle}}: se acerca su próximo servicio
Estimado(a) {{mailing_name}}:

<p><strong>{{#each vehicles}}Ref.: {{description}}{{#if plate}}, placa {{plate}}{{/if}}<br/>{{/each}}</strong></p>

¡Un recordatorio amistoso! En su última visita fijamos la fecha de su próximo servicio para el:

<p style="font-size:18px"><strong>{{appointment_date}}{{#if appointment_time}} a las {{appointment_time}}{{/if}}</strong></p>

Si esta fecha no le conviene, avísenos. De lo contrario, confirmaremos la cita y le enviaremos otro recordatorio unos días antes.

Puede llamarnos al {{business_phone}} para cambiar la fecha o para hablar del mantenimiento y la reparación de su vehículo.

=== REMINDER_1 postcard
subject: Se acerca su próximo servicio
Estimado(a) {{mailing_name}}:
En su última visita fijamos el próximo servicio de su {{vehicle}} ({{plate}}) para el {{appointment_date}}.
¿No le conviene? Llame al {{business_phone}}; si no, la confirmaremos y se lo recordaremos.
{{business_owner}}, {{business_name}}

=== REMINDER_2 email
subject: Recordatorio: servicio de su {{vehicle}} el {{appointment_date}}
Estimado(a) {{mailing_name}}:

<p><strong>{{#each vehicles}}Ref.: {{description}}{{#if plate}}, placa {{plate}}{{/if}}<br/>{{/each}}</strong></p>

¡Un recordatorio! Su próxima cita de servicio está fijada para el:

<p style="font-size:18px"><strong>{{appointment_date}}{{#if appointment_time}} a las {{appointment_time}}{{/if}}</strong></p>

Esperamos verle pronto. Llámenos al {{business_phone}} si necesita cambiar la fecha o tiene alguna pregunta sobre su vehículo.

=== REMINDER_2 postcard
subject: ¡Hasta pronto!
Estimado(a) {{mailing_name}}:
El servicio de su {{vehicle}} ({{plate}}) está previsto para el {{appointment_date}}.
Le esperamos. ¿Otra fecha? Llame al {{business_phone}}.
{{business_owner}}, {{business_name}}

=== NO_SHOW email
subject: Le esperábamos el {{appointment_date}}
Estimado(a) {{mailing_name}}:

<p><strong>{{#each vehicles}}Ref.: {{description}}{{#if plate}}, placa {{plate}}{{/if}}<br/>{{/each}}</strong></p>

¡Vaya, no pudimos verle! Su {{vehicle_model}} tenía cita de servicio el {{appointment_date}}{{#if appointment_time}} a las {{appointment_time}}{{/if}}.

Llámenos al {{business_phone}} para elegir una nueva fecha o para hablar de cualquier duda sobre el mantenimiento y la reparación de su vehículo.

=== NO_SHOW postcard
subject: ¡Le echamos de menos!
Estimado(a) {{mailing_name}}:
Su {{vehicle}} ({{plate}}) tenía cita el {{appointment_date}} y no pudimos verle.
Llame al {{business_phone}} para elegir una nueva fecha.
{{business_owner}}, {{business_name}}

=== THANK_YOU email
subject: Gracias por su visita, {{mailing_name}}
Estimado(a) {{mailing_name}}:

<p><strong>{{#each vehicles}}Ref.: {{description}}{{#if plate}}, placa {{plate}}{{/if}}<br/>{{/each}}</strong></p>

¡Gracias por su confianza! Tiene muchas opciones para el cuidado de su vehículo, y todo el equipo de {{business_name}} le agradece que nos haya elegido.

{{#if feedback_link}}Díganos qué tal lo hicimos o califique nuestro servicio: <a href="{{feedback_link}}">{{feedback_link}}</a>. Su opinión nos ayuda a servirle mejor.{{/if}}

Esperamos verle de nuevo. Cualquiera de nosotros responderá con gusto a sus preguntas sobre el mantenimiento de su vehículo.

=== THANK_YOU postcard
subject: ¡Gracias por su confianza!
Estimado(a) {{mailing_name}}:
Gracias por elegir {{business_name}} para su {{vehicle}}. Apreciamos su confianza.
{{#if feedback_link}}Denos su opinión: {{feedback_link}}{{/if}}
{{business_owner}}, {{business_name}}

=== DEFERRED email
subject: Trabajos recomendados para su {{vehicle}}
Estimado(a) {{mailing_name}}:

<p><strong>{{#each vehicles}}Ref.: {{description}}{{#if plate}}, placa {{plate}}{{/if}}<br/>{{/each}}</strong></p>

En su última visita{{#if last_service_date}} el {{last_service_date}}{{/if}} le recomendamos trabajos que mejorarían la seguridad y el funcionamiento de su vehículo. Los trabajos pendientes son:

<ul>{{#each deferred_items}}<li>{{this}}</li>{{/each}}</ul>

Con gusto le daremos una cita cuando le convenga. Llámenos al {{business_phone}}.

=== DEFERRED postcard
subject: Trabajos aún recomendados
Estimado(a) {{mailing_name}}:
En su última visita le recomendamos para su {{vehicle}}:
{{#each deferred_items}}- {{this}}
{{/each}}Llame al {{business_phone}} para pedir cita.
{{business_owner}}, {{business_name}}

=== INACTIVE email
subject: Hace tiempo que no vemos su {{vehicle_model}}
Estimado(a) {{mailing_name}}:

<p><strong>{{#each vehicles}}Ref.: {{description}}{{#if plate}}, placa {{plate}}{{/if}}<br/>{{/each}}</strong></p>

El otro día pensábamos en usted: hace tiempo que no le vemos a usted ni a su {{vehicle_model}}. Según nuestros registros, su último servicio fue el {{last_service_date}}.

Si ese fue su último servicio, su vehículo probablemente necesita un cambio de aceite y una inspección según el calendario recomendado por el fabricante.

Con gusto le daremos una cita cuando le convenga. Llámenos al {{business_phone}}.

=== INACTIVE postcard
subject: ¡Le echamos de menos!
Estimado(a) {{mailing_name}}:
El último servicio de su {{vehicle}} con nosotros fue el {{last_service_date}}. Probablemente necesita un cambio de aceite y una inspección.
Llame al {{business_phone}} para pedir cita.
{{business_owner}}, {{business_name}}

=== V01 email
subject: Bienvenido(a) a {{business_name}}
Estimado(a) {{mailing_name}}:

¡Gracias por elegir {{business_name}}! Ahora seguimos el mantenimiento de su vehículo:

<ul>{{#each vehicles}}<li>{{description}}{{#if plate}} ({{plate}}){{/if}}</li>{{/each}}</ul>

En su espacio personal puede consultar su expediente, el plan de mantenimiento y el historial de sus vehículos, y pedir una cita: <a href="{{portal_link}}">{{portal_link}}</a>

Le avisaremos cuando le toque un mantenimiento.

=== V01 postcard
subject: ¡Bienvenido(a)!
Estimado(a) {{mailing_name}}:
Gracias por elegir {{business_name}} para su {{vehicle}}. Le avisaremos cuando le toque un mantenimiento.
Denos su correo al {{business_phone}} o en línea: {{portal_link}}
{{business_owner}}, {{business_name}}

=== V02 email
subject: ¡Feliz cumpleaños, {{mailing_name}}!
Estimado(a) {{mailing_name}}:

¡Todo el equipo de {{business_name}} le desea un muy feliz cumpleaños!

Gracias por su confianza y que disfrute su día.

=== V02 postcard
subject: ¡Feliz cumpleaños!
Estimado(a) {{mailing_name}}:
¡Todo el equipo de {{business_name}} le desea un muy feliz cumpleaños!
{{business_owner}}, {{business_name}}

=== E01 email
subject: Mantenimiento próximo para su {{vehicle}}
Estimado(a) {{mailing_name}}:

<p><strong>{{#each vehicles}}Ref.: {{description}}{{#if plate}}, placa {{plate}}{{/if}}<br/>{{/each}}</strong></p>

Según el calendario del fabricante, el próximo mantenimiento de su vehículo vence alrededor del {{maintenance_due_date}}:

<ul>{{#each maintenance_items}}<li>{{this}}</li>{{/each}}</ul>

Llámenos al {{business_phone}} o pida una cita en línea: <a href="{{portal_link}}">{{portal_link}}</a>

=== E01 postcard
subject: Mantenimiento próximo
Estimado(a) {{mailing_name}}:
Su {{vehicle}} ({{plate}}) necesita mantenimiento alrededor del {{maintenance_due_date}}:
{{#each maintenance_items}}- {{this}}
{{/each}}Llame al {{business_phone}} para pedir cita.
{{business_owner}}, {{business_name}}

=== E02 email
subject: Segundo aviso: mantenimiento de su {{vehicle}}
Estimado(a) {{mailing_name}}:

<p><strong>{{#each vehicles}}Ref.: {{description}}{{#if plate}}, placa {{plate}}{{/if}}<br/>{{/each}}</strong></p>

Hace poco le recordamos que el mantenimiento de su vehículo vence alrededor del {{maintenance_due_date}}, y no le hemos visto desde entonces:

<ul>{{#each maintenance_items}}<li>{{this}}</li>{{/each}}</ul>

Seguir el calendario del fabricante protege su garantía y su seguridad. Llámenos al {{business_phone}} o pida una cita en línea: <a href="{{portal_link}}">{{portal_link}}</a>

=== E02 postcard
subject: Su mantenimiento está pendiente
Estimado(a) {{mailing_name}}:
Un recordatorio: su {{vehicle}} ({{plate}}) necesita mantenimiento alrededor del {{maintenance_due_date}}.
Seguir el calendario del fabricante protege su garantía. Llame al {{business_phone}}.
{{business_owner}}, {{business_name}}

=== E03 email
subject: ¿Qué tal lo hicimos, {{mailing_name}}?
Estimado(a) {{mailing_name}}:

Gracias por confiarnos el mantenimiento de su {{vehicle}}{{#if last_service_date}} el {{last_service_date}}{{/if}}. ¿Cómo califica nuestro servicio? Basta con un clic:

<p>{{#each survey_ratings}}<a href="{{url}}" style="display:inline-block;padding:8px 14px;margin:2px;background:#1f3a5f;color:#ffffff;text-decoration:none;border-radius:4px">{{rating}}</a> {{/each}}</p>

<p style="font-size:12px;color:#555555">1 = malo, 5 = excelente. También puede dejar un comentario: <a href="{{survey_link}}">{{survey_link}}</a></p>

=== E03 postcard
subject: ¿Qué tal lo hicimos?
Estimado(a) {{mailing_name}}:
Gracias por confiarnos su {{vehicle}}. Califique nuestro servicio del 1 al 5 en:
{{survey_link}}
{{business_owner}}, {{business_name}}

=== E04 email
subject: Recordatorio: su cita del {{appointment_date}} a las {{appointment_time}}
Estimado(a) {{mailing_name}}:

Un recordatorio amistoso de su cita en {{business_name}}:

<p style="font-size:18px"><strong>{{appointment_date}}, {{appointment_time}}</strong></p>

{{#if vehicle}}<p>Vehículo: {{vehicle}}{{#if plate}} ({{plate}}){{/if}}</p>{{/if}}

{{#if appointment_service}}<p>Servicio: {{appointment_service}}</p>{{/if}}

La invitación adjunta la añade a su calendario. ¿Necesita cambiarla? Llámenos al {{business_phone}}.

=== E04 postcard
subject: Su cita
Estimado(a) {{mailing_name}}:
Le recordamos su cita en {{business_name}} el {{appointment_date}} a las {{appointment_time}}.
¿Necesita cambiarla? Llame al {{business_phone}}.
{{business_owner}}, {{business_name}}

=== E05 email
subject: Cita confirmada: {{appointment_date}} a las {{appointment_time}}
Estimado(a) {{mailing_name}}:

Su solicitud de cita está confirmada:

<p style="font-size:18px"><strong>{{appointment_date}}, {{appointment_time}}</strong></p>

{{#if vehicle}}<p>Vehículo: {{vehicle}}{{#if plate}} ({{plate}}){{/if}}</p>{{/if}}

{{#if appointment_service}}<p>Servicio: {{appointment_service}}</p>{{/if}}

La invitación adjunta la añade a su calendario. Le enviaremos un recordatorio antes. ¿Necesita cambiarla? Llámenos al {{business_phone}}.

=== E05 postcard
subject: Cita confirmada
Estimado(a) {{mailing_name}}:
Su cita en {{business_name}} está confirmada para el {{appointment_date}} a las {{appointment_time}}.
¿Necesita cambiarla? Llame al {{business_phone}}.
{{business_owner}}, {{business_name}}

=== E07 email
subject: Una oferta para usted de {{business_name}}
Estimado(a) {{mailing_name}}:

Fue un placer volver a hablar con usted. Para darle la bienvenida de nuevo, aquí tiene una oferta especial:

<p style="font-size:18px"><strong>{{promotion_name}}</strong></p>

{{#if promotion_description}}<p>{{promotion_description}}</p>{{/if}}

{{#if coupon_code}}<p>Su código de cupón: <strong style="font-size:18px;letter-spacing:2px">{{coupon_code}}</strong></p>{{/if}}

{{#if promotion_valid_until}}<p>Válido hasta el {{promotion_valid_until}}.</p>{{/if}}

Llámenos al {{business_phone}} para pedir cita y traiga este mensaje.

=== E07 postcard
subject: Una oferta para usted
Estimado(a) {{mailing_name}}:
Para darle la bienvenida: {{promotion_name}}.
{{#if coupon_code}}Cupón: {{coupon_code}}
{{/if}}{{#if promotion_valid_until}}Válido hasta el {{promotion_valid_until}}.
{{/if}}Llame al {{business_phone}} para pedir cita.
{{business_owner}}, {{business_name}}

=== E06 email
subject: Respuestas a la encuesta para {{business_name}}
Hola, {{staff_name}}:

Estas son las últimas respuestas a la encuesta de satisfacción:

<ul>{{#each survey_answers}}<li><strong>{{rating}}/5</strong>: {{customer}}{{#if vehicle}} ({{vehicle}}){{/if}}, {{answered_on}}{{#if comment}}<br/>«{{comment}}»{{/if}}</li>{{/each}}</ul>

Su lista de tareas: <a href="{{tasks_link}}">{{tasks_link}}</a>

=== P00 email
subject: Llamada pendiente: {{customer_name}} podría ser un cliente perdido
Hola, {{staff_name}}:

{{customer_name}} no respondió al segundo aviso de mantenimiento de {{vehicle}}{{#if plate}} ({{plate}}){{/if}}: ninguna visita ni cita desde entonces.

Llame para restablecer el contacto{{#if customer_phone}} al {{customer_phone}}{{/if}}{{#if customer_email}} o escriba a {{customer_email}}{{/if}} y anote el resultado de la llamada en su lista de tareas: <a href="{{tasks_link}}">{{tasks_link}}</a>

=== P01 email
subject: {{customer_name}} modificó su expediente
Hola, {{staff_name}}:

{{customer_name}} modificó su expediente en el portal de clientes:

<ul>{{#each changes}}<li>{{field}}: «{{from}}» → «{{to}}»</li>{{/each}}</ul>

Su lista de tareas: <a href="{{tasks_link}}">{{tasks_link}}</a>

=== V01_SALES email
subject: Nuevo vehículo para {{customer_name}}
Hola, {{staff_name}}:

Hoy se registró un vehículo para {{customer_name}}:

<ul>{{#each vehicles}}<li>{{description}}{{#if plate}} ({{plate}}){{/if}}</li>{{/each}}</ul>

Haga el seguimiento con el cliente{{#if customer_phone}} al {{customer_phone}}{{/if}}{{#if customer_email}} o en {{customer_email}}{{/if}} y luego cierre la tarea en su lista: <a href="{{tasks_link}}">{{tasks_link}}</a>
