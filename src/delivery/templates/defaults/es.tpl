# Plantillas incluidas con Relance, español. Formato: ver ../defaults.ts. Campos: ../fields.ts.
# Los datos opcionales (nombre, vehículo, placa, teléfono, fechas, propietario…) van en bloques
# {{#if}} con una redacción que se lee bien sin ellos (missing-data.test.ts).

=== REMINDER_1 email
subject: {{#if vehicle}}{{vehicle}}: se{{else}}Se{{/if}} acerca su próximo servicio
{{#if mailing_name}}Estimado(a) {{mailing_name}}:{{else}}Hola:{{/if}}

{{#if vehicles}}<p><strong>{{#each vehicles}}Ref.: {{description}}{{#if plate}}, placa {{plate}}{{/if}}<br/>{{/each}}</strong></p>{{/if}}

¡Un recordatorio amistoso! En su última visita fijamos la fecha de su próximo servicio para el:

<p style="font-size:18px"><strong>{{appointment_date}}{{#if appointment_time}} a las {{appointment_time}}{{/if}}</strong></p>

Si esta fecha no le conviene, avísenos. De lo contrario, confirmaremos la cita y le enviaremos otro recordatorio unos días antes.

{{#if business_phone}}Puede llamarnos al {{business_phone}}{{else}}Responda a este correo{{/if}} para cambiar la fecha o para hablar del mantenimiento y la reparación de su vehículo.

=== REMINDER_1 postcard
subject: Se acerca su próximo servicio
{{#if mailing_name}}Estimado(a) {{mailing_name}}:{{else}}Hola:{{/if}}
En su última visita fijamos el próximo servicio de su {{#if vehicle}}{{vehicle}}{{#if plate}} ({{plate}}){{/if}}{{else}}vehículo{{/if}} para el {{appointment_date}}.
¿No le conviene? {{#if business_phone}}Llame al {{business_phone}}{{else}}Avísenos en {{portal_link}}{{/if}}; si no, la confirmaremos y se lo recordaremos.
{{#if business_owner}}{{business_owner}}, {{/if}}{{business_name}}

=== REMINDER_2 email
subject: Recordatorio: servicio de su {{#if vehicle}}{{vehicle}}{{else}}vehículo{{/if}} el {{appointment_date}}
{{#if mailing_name}}Estimado(a) {{mailing_name}}:{{else}}Hola:{{/if}}

{{#if vehicles}}<p><strong>{{#each vehicles}}Ref.: {{description}}{{#if plate}}, placa {{plate}}{{/if}}<br/>{{/each}}</strong></p>{{/if}}

¡Un recordatorio! Su próxima cita de servicio está fijada para el:

<p style="font-size:18px"><strong>{{appointment_date}}{{#if appointment_time}} a las {{appointment_time}}{{/if}}</strong></p>

Esperamos verle pronto. {{#if business_phone}}Llámenos al {{business_phone}}{{else}}Responda a este correo{{/if}} si necesita cambiar la fecha o tiene alguna pregunta sobre su vehículo.

=== REMINDER_2 postcard
subject: ¡Hasta pronto!
{{#if mailing_name}}Estimado(a) {{mailing_name}}:{{else}}Hola:{{/if}}
El servicio de su {{#if vehicle}}{{vehicle}}{{#if plate}} ({{plate}}){{/if}}{{else}}vehículo{{/if}} está previsto para el {{appointment_date}}.
Le esperamos. ¿Otra fecha? {{#if business_phone}}Llame al {{business_phone}}.{{else}}Visite {{portal_link}}{{/if}}
{{#if business_owner}}{{business_owner}}, {{/if}}{{business_name}}

=== NO_SHOW email
subject: Le esperábamos el {{appointment_date}}
{{#if mailing_name}}Estimado(a) {{mailing_name}}:{{else}}Hola:{{/if}}

{{#if vehicles}}<p><strong>{{#each vehicles}}Ref.: {{description}}{{#if plate}}, placa {{plate}}{{/if}}<br/>{{/each}}</strong></p>{{/if}}

¡Vaya, no pudimos verle! Su {{#if vehicle_model}}{{vehicle_model}}{{else}}vehículo{{/if}} tenía cita de servicio el {{appointment_date}}{{#if appointment_time}} a las {{appointment_time}}{{/if}}.

{{#if business_phone}}Llámenos al {{business_phone}}{{else}}Responda a este correo{{/if}} para elegir una nueva fecha o para hablar de cualquier duda sobre el mantenimiento y la reparación de su vehículo.

=== NO_SHOW postcard
subject: ¡Le echamos de menos!
{{#if mailing_name}}Estimado(a) {{mailing_name}}:{{else}}Hola:{{/if}}
Su {{#if vehicle}}{{vehicle}}{{#if plate}} ({{plate}}){{/if}}{{else}}vehículo{{/if}} tenía cita el {{appointment_date}} y no pudimos verle.
{{#if business_phone}}Llame al {{business_phone}} para elegir una nueva fecha.{{else}}Elija una nueva fecha en {{portal_link}}{{/if}}
{{#if business_owner}}{{business_owner}}, {{/if}}{{business_name}}

=== THANK_YOU email
subject: Gracias por su visita{{#if mailing_name}}, {{mailing_name}}{{/if}}
{{#if mailing_name}}Estimado(a) {{mailing_name}}:{{else}}Hola:{{/if}}

{{#if vehicles}}<p><strong>{{#each vehicles}}Ref.: {{description}}{{#if plate}}, placa {{plate}}{{/if}}<br/>{{/each}}</strong></p>{{/if}}

¡Gracias por su confianza! Tiene muchas opciones para el cuidado de su vehículo, y todo el equipo de {{business_name}} le agradece que nos haya elegido.

{{#if feedback_link}}Díganos qué tal lo hicimos o califique nuestro servicio: <a href="{{feedback_link}}">{{feedback_link}}</a>. Su opinión nos ayuda a servirle mejor.{{/if}}

Esperamos verle de nuevo. Cualquiera de nosotros responderá con gusto a sus preguntas sobre el mantenimiento de su vehículo.

=== THANK_YOU postcard
subject: ¡Gracias por su confianza!
{{#if mailing_name}}Estimado(a) {{mailing_name}}:{{else}}Hola:{{/if}}
Gracias por elegir {{business_name}}{{#if vehicle}} para su {{vehicle}}{{/if}}. Apreciamos su confianza.
{{#if feedback_link}}Denos su opinión: {{feedback_link}}{{/if}}
{{#if business_owner}}{{business_owner}}, {{/if}}{{business_name}}

=== DEFERRED email
subject: Trabajos recomendados para su {{#if vehicle}}{{vehicle}}{{else}}vehículo{{/if}}
{{#if mailing_name}}Estimado(a) {{mailing_name}}:{{else}}Hola:{{/if}}

{{#if vehicles}}<p><strong>{{#each vehicles}}Ref.: {{description}}{{#if plate}}, placa {{plate}}{{/if}}<br/>{{/each}}</strong></p>{{/if}}

En su última visita{{#if last_service_date}} el {{last_service_date}}{{/if}} le recomendamos trabajos que mejorarían la seguridad y el funcionamiento de su vehículo. Los trabajos pendientes son:

<ul>{{#each deferred_items}}<li>{{this}}</li>{{/each}}</ul>

Con gusto le daremos una cita cuando le convenga. {{#if business_phone}}Llámenos al {{business_phone}}.{{else}}Basta con responder a este correo.{{/if}}

=== DEFERRED postcard
subject: Trabajos aún recomendados
{{#if mailing_name}}Estimado(a) {{mailing_name}}:{{else}}Hola:{{/if}}
En su última visita le recomendamos para su {{#if vehicle}}{{vehicle}}{{else}}vehículo{{/if}}:
{{#each deferred_items}}- {{this}}
{{/each}}{{#if business_phone}}Llame al {{business_phone}} para pedir cita.{{else}}Pida cita en {{portal_link}}{{/if}}
{{#if business_owner}}{{business_owner}}, {{/if}}{{business_name}}

=== INACTIVE email
subject: Hace tiempo que no vemos su {{#if vehicle_model}}{{vehicle_model}}{{else}}vehículo{{/if}}
{{#if mailing_name}}Estimado(a) {{mailing_name}}:{{else}}Hola:{{/if}}

{{#if vehicles}}<p><strong>{{#each vehicles}}Ref.: {{description}}{{#if plate}}, placa {{plate}}{{/if}}<br/>{{/each}}</strong></p>{{/if}}

El otro día pensábamos en usted: hace tiempo que no le vemos a usted ni a su {{#if vehicle_model}}{{vehicle_model}}{{else}}vehículo{{/if}}.{{#if last_service_date}} Según nuestros registros, su último servicio fue el {{last_service_date}}.{{/if}}

Si ese fue su último servicio, su vehículo probablemente necesita un cambio de aceite y una inspección según el calendario recomendado por el fabricante.

Con gusto le daremos una cita cuando le convenga. {{#if business_phone}}Llámenos al {{business_phone}}.{{else}}Basta con responder a este correo.{{/if}}

=== INACTIVE postcard
subject: ¡Le echamos de menos!
{{#if mailing_name}}Estimado(a) {{mailing_name}}:{{else}}Hola:{{/if}}
El último servicio de su {{#if vehicle}}{{vehicle}}{{else}}vehículo{{/if}} con nosotros {{#if last_service_date}}fue el {{last_service_date}}{{else}}fue hace tiempo{{/if}}. Probablemente necesita un cambio de aceite y una inspección.
{{#if business_phone}}Llame al {{business_phone}} para pedir cita.{{else}}Pida cita en {{portal_link}}{{/if}}
{{#if business_owner}}{{business_owner}}, {{/if}}{{business_name}}

=== V01 email
subject: Bienvenido(a) a {{business_name}}
{{#if mailing_name}}Estimado(a) {{mailing_name}}:{{else}}Hola:{{/if}}

¡Gracias por elegir {{business_name}}! Ahora seguimos el mantenimiento de su {{#if vehicles}}vehículo:{{else}}vehículo.{{/if}}

{{#if vehicles}}<ul>{{#each vehicles}}<li>{{description}}{{#if plate}} ({{plate}}){{/if}}</li>{{/each}}</ul>{{/if}}

En su espacio personal puede consultar su expediente, el plan de mantenimiento y el historial de sus vehículos, y pedir una cita: <a href="{{portal_link}}">{{portal_link}}</a>

Le avisaremos cuando le toque un mantenimiento.

=== V01 postcard
subject: ¡Bienvenido(a)!
{{#if mailing_name}}Estimado(a) {{mailing_name}}:{{else}}Hola:{{/if}}
Gracias por elegir {{business_name}}{{#if vehicle}} para su {{vehicle}}{{/if}}. Le avisaremos cuando le toque un mantenimiento.
Denos su correo {{#if business_phone}}al {{business_phone}} o {{/if}}en línea: {{portal_link}}
{{#if business_owner}}{{business_owner}}, {{/if}}{{business_name}}

=== V02 email
subject: ¡Feliz cumpleaños{{#if mailing_name}}, {{mailing_name}}{{/if}}!
{{#if mailing_name}}Estimado(a) {{mailing_name}}:{{else}}Hola:{{/if}}

¡Todo el equipo de {{business_name}} le desea un muy feliz cumpleaños!

Gracias por su confianza y que disfrute su día.

=== V02 postcard
subject: ¡Feliz cumpleaños!
{{#if mailing_name}}Estimado(a) {{mailing_name}}:{{else}}Hola:{{/if}}
¡Todo el equipo de {{business_name}} le desea un muy feliz cumpleaños!
{{#if business_owner}}{{business_owner}}, {{/if}}{{business_name}}

=== E01 email
subject: Mantenimiento próximo para su {{#if vehicle}}{{vehicle}}{{else}}vehículo{{/if}}
{{#if mailing_name}}Estimado(a) {{mailing_name}}:{{else}}Hola:{{/if}}

{{#if vehicles}}<p><strong>{{#each vehicles}}Ref.: {{description}}{{#if plate}}, placa {{plate}}{{/if}}<br/>{{/each}}</strong></p>{{/if}}

Según el calendario del fabricante, el próximo mantenimiento de su vehículo vence alrededor del {{maintenance_due_date}}:

<ul>{{#each maintenance_items}}<li>{{this}}</li>{{/each}}</ul>

{{#if business_phone}}Llámenos al {{business_phone}} o pida{{else}}Pida{{/if}} una cita en línea: <a href="{{portal_link}}">{{portal_link}}</a>

=== E01 postcard
subject: Mantenimiento próximo
{{#if mailing_name}}Estimado(a) {{mailing_name}}:{{else}}Hola:{{/if}}
Su {{#if vehicle}}{{vehicle}}{{#if plate}} ({{plate}}){{/if}}{{else}}vehículo{{/if}} necesita mantenimiento alrededor del {{maintenance_due_date}}:
{{#each maintenance_items}}- {{this}}
{{/each}}{{#if business_phone}}Llame al {{business_phone}} para pedir cita.{{else}}Pida cita en {{portal_link}}{{/if}}
{{#if business_owner}}{{business_owner}}, {{/if}}{{business_name}}

=== E02 email
subject: Segundo aviso: mantenimiento de su {{#if vehicle}}{{vehicle}}{{else}}vehículo{{/if}}
{{#if mailing_name}}Estimado(a) {{mailing_name}}:{{else}}Hola:{{/if}}

{{#if vehicles}}<p><strong>{{#each vehicles}}Ref.: {{description}}{{#if plate}}, placa {{plate}}{{/if}}<br/>{{/each}}</strong></p>{{/if}}

Hace poco le recordamos que el mantenimiento de su vehículo vence alrededor del {{maintenance_due_date}}, y no le hemos visto desde entonces:

<ul>{{#each maintenance_items}}<li>{{this}}</li>{{/each}}</ul>

Seguir el calendario del fabricante protege su garantía y su seguridad. {{#if business_phone}}Llámenos al {{business_phone}} o pida{{else}}Pida{{/if}} una cita en línea: <a href="{{portal_link}}">{{portal_link}}</a>

=== E02 postcard
subject: Su mantenimiento está pendiente
{{#if mailing_name}}Estimado(a) {{mailing_name}}:{{else}}Hola:{{/if}}
Un recordatorio: su {{#if vehicle}}{{vehicle}}{{#if plate}} ({{plate}}){{/if}}{{else}}vehículo{{/if}} necesita mantenimiento alrededor del {{maintenance_due_date}}.
Seguir el calendario del fabricante protege su garantía. {{#if business_phone}}Llame al {{business_phone}}.{{else}}Pida cita en {{portal_link}}{{/if}}
{{#if business_owner}}{{business_owner}}, {{/if}}{{business_name}}

=== E03 email
subject: ¿Qué tal lo hicimos{{#if mailing_name}}, {{mailing_name}}{{/if}}?
{{#if mailing_name}}Estimado(a) {{mailing_name}}:{{else}}Hola:{{/if}}

Gracias por confiarnos el mantenimiento de su {{#if vehicle}}{{vehicle}}{{else}}vehículo{{/if}}{{#if last_service_date}} el {{last_service_date}}{{/if}}. ¿Cómo califica nuestro servicio? Basta con un clic:

<p>{{#each survey_ratings}}<a href="{{url}}" style="display:inline-block;padding:8px 14px;margin:2px;background:#1f3a5f;color:#ffffff;text-decoration:none;border-radius:4px">{{rating}}</a> {{/each}}</p>

<p style="font-size:12px;color:#555555">1 = malo, 5 = excelente. También puede dejar un comentario: <a href="{{survey_link}}">{{survey_link}}</a></p>

=== E03 postcard
subject: ¿Qué tal lo hicimos?
{{#if mailing_name}}Estimado(a) {{mailing_name}}:{{else}}Hola:{{/if}}
Gracias por confiarnos su {{#if vehicle}}{{vehicle}}{{else}}vehículo{{/if}}. Califique nuestro servicio del 1 al 5 en:
{{survey_link}}
{{#if business_owner}}{{business_owner}}, {{/if}}{{business_name}}

=== E04 email
subject: Recordatorio: su cita del {{appointment_date}} a las {{appointment_time}}
{{#if mailing_name}}Estimado(a) {{mailing_name}}:{{else}}Hola:{{/if}}

Un recordatorio amistoso de su cita en {{business_name}}:

<p style="font-size:18px"><strong>{{appointment_date}}, {{appointment_time}}</strong></p>

{{#if vehicle}}<p>Vehículo: {{vehicle}}{{#if plate}} ({{plate}}){{/if}}</p>{{/if}}

{{#if appointment_service}}<p>Servicio: {{appointment_service}}</p>{{/if}}

La invitación adjunta la añade a su calendario. ¿Necesita cambiarla? {{#if business_phone}}Llámenos al {{business_phone}}.{{else}}Basta con responder a este correo.{{/if}}

=== E04 postcard
subject: Su cita
{{#if mailing_name}}Estimado(a) {{mailing_name}}:{{else}}Hola:{{/if}}
Le recordamos su cita en {{business_name}} el {{appointment_date}} a las {{appointment_time}}.
¿Necesita cambiarla? {{#if business_phone}}Llame al {{business_phone}}.{{else}}Visite {{portal_link}}{{/if}}
{{#if business_owner}}{{business_owner}}, {{/if}}{{business_name}}

=== E05 email
subject: {{#if appointment_cancelled}}Cita cancelada{{else}}Cita confirmada{{/if}}: {{appointment_date}} a las {{appointment_time}}
{{#if mailing_name}}Estimado(a) {{mailing_name}}:{{else}}Hola:{{/if}}

{{#if appointment_cancelled}}Su cita ha sido cancelada:{{else}}Su solicitud de cita está confirmada:{{/if}}

<p style="font-size:18px"><strong>{{appointment_date}}, {{appointment_time}}</strong></p>

{{#if vehicle}}<p>Vehículo: {{vehicle}}{{#if plate}} ({{plate}}){{/if}}</p>{{/if}}

{{#if appointment_service}}<p>Servicio: {{appointment_service}}</p>{{/if}}

{{#if appointment_cancelled}}El archivo adjunto la quita de su calendario. Para reservar otra hora, {{#if business_phone}}llámenos al {{business_phone}}{{else}}responda a este correo{{/if}} o visite {{portal_link}}.{{else}}La invitación adjunta la añade a su calendario. Le enviaremos un recordatorio antes. ¿Necesita cambiarla? {{#if business_phone}}Llámenos al {{business_phone}}.{{else}}Basta con responder a este correo.{{/if}}{{/if}}

=== E05 postcard
subject: Cita confirmada
{{#if mailing_name}}Estimado(a) {{mailing_name}}:{{else}}Hola:{{/if}}
Su cita en {{business_name}} está confirmada para el {{appointment_date}} a las {{appointment_time}}.
¿Necesita cambiarla? {{#if business_phone}}Llame al {{business_phone}}.{{else}}Visite {{portal_link}}{{/if}}
{{#if business_owner}}{{business_owner}}, {{/if}}{{business_name}}

=== E07 email
subject: Una oferta para usted de {{business_name}}
{{#if mailing_name}}Estimado(a) {{mailing_name}}:{{else}}Hola:{{/if}}

Fue un placer volver a hablar con usted. Para darle la bienvenida de nuevo, aquí tiene una oferta especial:

<p style="font-size:18px"><strong>{{promotion_name}}</strong></p>

{{#if promotion_description}}<p>{{promotion_description}}</p>{{/if}}

{{#if coupon_code}}<p>Su código de cupón: <strong style="font-size:18px;letter-spacing:2px">{{coupon_code}}</strong></p>{{/if}}

{{#if promotion_valid_until}}<p>Válido hasta el {{promotion_valid_until}}.</p>{{/if}}

{{#if business_phone}}Llámenos al {{business_phone}}{{else}}Responda a este correo{{/if}} para pedir cita y traiga este mensaje.

=== E07 postcard
subject: Una oferta para usted
{{#if mailing_name}}Estimado(a) {{mailing_name}}:{{else}}Hola:{{/if}}
Para darle la bienvenida: {{promotion_name}}.
{{#if coupon_code}}Cupón: {{coupon_code}}
{{/if}}{{#if promotion_valid_until}}Válido hasta el {{promotion_valid_until}}.
{{/if}}{{#if business_phone}}Llame al {{business_phone}} para pedir cita.{{else}}Pida cita en {{portal_link}}{{/if}}
{{#if business_owner}}{{business_owner}}, {{/if}}{{business_name}}

=== CAMPAIGN email
subject: {{#if promotion_name}}{{promotion_name}}: una oferta{{else}}Novedades{{/if}} de {{business_name}}
{{#if mailing_name}}Estimado(a) {{mailing_name}}:{{else}}Hola:{{/if}}

{{#if vehicles}}<p><strong>{{#each vehicles}}Ref.: {{description}}{{#if plate}}, placa {{plate}}{{/if}}<br/>{{/each}}</strong></p>{{/if}}

{{#if promotion_name}}Aquí tiene una oferta para usted:

<p style="font-size:18px"><strong>{{promotion_name}}</strong></p>

{{#if promotion_description}}<p>{{promotion_description}}</p>{{/if}}

{{#if coupon_code}}<p>Su código de cupón: <strong style="font-size:18px;letter-spacing:2px">{{coupon_code}}</strong></p>{{/if}}

{{#if promotion_valid_until}}<p>Válido hasta el {{promotion_valid_until}}.</p>{{/if}}{{else}}Nos encantaría volver a verle para el mantenimiento de su vehículo.{{/if}}

{{#if business_phone}}Llámenos al {{business_phone}}{{else}}Responda a este correo{{/if}} para pedir cita y traiga este mensaje.

=== CAMPAIGN postcard
subject: {{#if promotion_name}}Una oferta para usted{{else}}Novedades de su taller{{/if}}
{{#if mailing_name}}Estimado(a) {{mailing_name}}:{{else}}Hola:{{/if}}
{{#if promotion_name}}Para usted: {{promotion_name}}.{{else}}Nos encantaría volver a verle.{{/if}}
{{#if coupon_code}}Cupón: {{coupon_code}}
{{/if}}{{#if promotion_valid_until}}Válido hasta el {{promotion_valid_until}}.
{{/if}}{{#if business_phone}}Llame al {{business_phone}} para pedir cita.{{else}}Pida cita en {{portal_link}}{{/if}}
{{#if business_owner}}{{business_owner}}, {{/if}}{{business_name}}

=== E06 email
subject: Respuestas a la encuesta para {{business_name}}
Hola, {{staff_name}}:

Estas son las últimas respuestas a la encuesta de satisfacción:

<ul>{{#each survey_answers}}<li><strong>{{rating}}/5</strong>: {{customer}}{{#if vehicle}} ({{vehicle}}){{/if}}, {{answered_on}}{{#if comment}}<br/>«{{comment}}»{{/if}}</li>{{/each}}</ul>

Su lista de tareas: <a href="{{tasks_link}}">{{tasks_link}}</a>

=== P00 email
subject: Llamada pendiente: {{customer_name}} podría ser un cliente perdido
Hola, {{staff_name}}:

{{customer_name}} no respondió al segundo aviso de mantenimiento{{#if vehicle}} de {{vehicle}}{{#if plate}} ({{plate}}){{/if}}{{/if}}: ninguna visita ni cita desde entonces.

{{#if customer_phone}}Llame para restablecer el contacto al {{customer_phone}}{{#if customer_email}} o escriba a {{customer_email}}{{/if}}{{else}}{{#if customer_email}}Escriba a {{customer_email}} para restablecer el contacto{{else}}Restablezca el contacto{{/if}}{{/if}} y anote el resultado en su lista de tareas: <a href="{{tasks_link}}">{{tasks_link}}</a>

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

=== P02 email
subject: Solicitud de cita: {{customer_name}}, {{appointment_date}} a las {{appointment_time}}
Hola, {{staff_name}}:

{{customer_name}} pidió en línea una cita el {{appointment_date}} a las {{appointment_time}}{{#if vehicle}} para {{vehicle}}{{#if plate}} ({{plate}}){{/if}}{{/if}}.
{{#if appointment_service}}Servicio solicitado: {{appointment_service}}
{{/if}}{{#if mechanic}}El horario queda reservado con {{mechanic}}.
{{/if}}{{#if customer_phone}}Teléfono: {{customer_phone}}
{{/if}}{{#if customer_email}}Correo: {{customer_email}}
{{/if}}
Confírmela o modifíquela en la agenda de citas: <a href="{{appointments_link}}">{{appointments_link}}</a>

=== REVIEW email
subject: ¿Qué tal fue su visita a {{business_name}}?
{{#if mailing_name}}Estimado(a) {{mailing_name}}:{{else}}Hola:{{/if}}

Gracias por elegir {{business_name}}{{#if vehicle}} para su {{vehicle}}{{/if}}{{#if last_service_date}} el {{last_service_date}}{{/if}}.

¿Tendría un minuto para opinar sobre su visita? Cada opinión sincera ayuda a otros conductores a elegir y nos ayuda a mejorar: <a href="{{review_link}}">{{review_link}}</a>

Gracias por su tiempo.

=== REVIEW postcard
subject: ¿Qué tal fue su visita?
{{#if mailing_name}}Estimado(a) {{mailing_name}}:{{else}}Hola:{{/if}}
Gracias por elegir {{business_name}}{{#if vehicle}} para su {{vehicle}}{{/if}}. ¿Nos daría su opinión sobre su visita? Cada opinión sincera cuenta:
{{review_link}}
{{#if business_owner}}{{business_owner}}, {{/if}}{{business_name}}
