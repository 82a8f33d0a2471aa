"""Write a valid synthetic knowledge base of N items, for the benchmarks.

    python bench/make_corpus.py --items 1000 --out /tmp/kb-1000

The result has ``site_config.yml`` (languages ca, es, en) and ``content/`` with one YAML file per
item, named after its id, in the mix of types of the shipped example: procedures 15 %,
standards 10 %, roles 5 %, warranty rules 5 %, guides 35 %, training 10 %, forms 10 %,
products 10 % (at least one of each). Sizes follow the example: procedures of 12–30 steps over
the four phases with roles, forms, standards, departments and decisions; guides of 8–15 steps;
every text in the three languages. Every reference resolves, public items (guides, warranty
rules, products) refer only to public items, review dates lie in the future, so
``aftersales check --project DIR`` exits 0 with no warnings.

The same N always gives the same files (seeded random). YAML is written as text, not through
a YAML library, so that 10,000 items take seconds.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import re
import shutil
import sys
import time
from pathlib import Path

LANGS = ("ca", "es", "en")

SHARES = (  # (type, folder, share of N)
    ("procedure", "procedures", 0.15),
    ("standard", "standards", 0.10),
    ("role", "roles", 0.05),
    ("warranty", "warranty", 0.05),
    ("guide", "guides", 0.35),
    ("training", "training", 0.10),
    ("form", "forms", 0.10),
    ("product", "products", 0.10),
)
PUBLIC_TYPES = {"guide", "warranty", "product"}
DEPARTMENTS = ("after-sales", "sat", "warehouse", "transport", "sales", "accounting", "quality")
PHASES = ("reception", "sat", "departments", "follow_up")

# --------------------------------------------------------------------------- vocabulary
# Parallel (ca, es, en) phrases: one choice of indices gives the same sentence in every language.

VERBS = [
    ("Comprova", "Comprueba", "Check"), ("Registra", "Registra", "Record"), ("Revisa", "Revisa", "Inspect"),
    ("Anota", "Anota", "Write down"), ("Confirma", "Confirma", "Confirm"), ("Verifica", "Verifica", "Verify"),
    ("Prepara", "Prepara", "Prepare"), ("Envia", "Envía", "Send"), ("Substitueix", "Sustituye", "Replace"),
    ("Neteja", "Limpia", "Clean"), ("Desmunta", "Desmonta", "Remove"), ("Calibra", "Calibra", "Calibrate"),
    ("Arxiva", "Archiva", "File"), ("Valida", "Valida", "Validate"), ("Demana", "Pide", "Request"),
    ("Explica al client", "Explica al cliente", "Explain to the customer"), ("Lliura", "Entrega", "Hand over"),
    ("Mesura", "Mide", "Measure"), ("Prova", "Prueba", "Test"), ("Documenta", "Documenta", "Document"),
]
OBJECTS = [
    ("la reparació de l'aparell", "la reparación del aparato", "the repair of the appliance"),
    ("el número de sèrie", "el número de serie", "the serial number"),
    ("la garantia del client", "la garantía del cliente", "the customer's guarantee"),
    ("el val de servei", "el vale de servicio", "the service voucher"),
    ("la peça de recanvi", "la pieza de recambio", "the spare part"),
    ("el termòstat", "el termostato", "the thermostat"),
    ("la bomba de desguàs", "la bomba de desagüe", "the drain pump"),
    ("la junta de la porta", "la junta de la puerta", "the door seal"),
    ("el filtre d'aigua", "el filtro de agua", "the water filter"),
    ("la factura del servei", "la factura del servicio", "the service invoice"),
    ("el resguard de recollida", "el resguardo de recogida", "the pick-up receipt"),
    ("la instal·lació elèctrica", "la instalación eléctrica", "the electrical installation"),
    ("el compressor", "el compresor", "the compressor"),
    ("la placa electrònica", "la placa electrónica", "the control board"),
    ("el pressupost de reparació", "el presupuesto de reparación", "the repair quote"),
    ("la fitxa de reparació", "la ficha de reparación", "the repair card"),
    ("el tiquet de compra", "el tique de compra", "the purchase receipt"),
    ("la mànega d'entrada", "la manguera de entrada", "the inlet hose"),
    ("el motor del ventilador", "el motor del ventilador", "the fan motor"),
    ("la resistència de l'escalfador", "la resistencia del calentador", "the heating element"),
    ("el codi d'error de la pantalla", "el código de error de la pantalla", "the error code on the display"),
    ("la comanda al magatzem", "el pedido al almacén", "the order to the warehouse"),
    ("l'enquesta de satisfacció", "la encuesta de satisfacción", "the satisfaction survey"),
    ("la no conformitat", "la no conformidad", "the nonconformity"),
    ("el contracte de manteniment", "el contrato de mantenimiento", "the maintenance contract"),
    ("la ruta del tècnic", "la ruta del técnico", "the technician's route"),
    ("l'albarà de transport", "el albarán de transporte", "the delivery note"),
    ("la data de lliurament", "la fecha de entrega", "the delivery date"),
    ("el diagnòstic de l'avaria", "el diagnóstico de la avería", "the diagnosis of the fault"),
    ("la connexió a terra", "la conexión a tierra", "the earth connection"),
]
COMPLEMENTS = [
    ("abans de tancar l'avís", "antes de cerrar el aviso", "before closing the call"),
    ("davant del client", "delante del cliente", "in front of the customer"),
    ("segons el manual tècnic del model", "según el manual técnico del modelo", "following the model's service manual"),
    ("dins el termini acordat", "dentro del plazo acordado", "within the agreed time"),
    ("i anota-ho a la fitxa de reparació", "y anótalo en la ficha de reparación", "and note it on the repair card"),
    ("al llibre de registre d'avisos", "en el libro de registro de avisos", "in the repair call log"),
    ("i informa'n el cap del SAT", "e informa al jefe del SAT", "and tell the SAT manager"),
    ("sense cap cost per al client", "sin ningún coste para el cliente", "at no cost to the customer"),
    ("el mateix dia de la visita", "el mismo día de la visita", "on the day of the visit"),
    ("amb l'aparell desendollat", "con el aparato desenchufado", "with the appliance unplugged"),
    ("i deixa'n una còpia al client", "y deja una copia al cliente", "and leave a copy with the customer"),
    ("abans de sortir del taller", "antes de salir del taller", "before leaving the workshop"),
    ("amb l'eina de diagnòstic", "con la herramienta de diagnóstico", "with the diagnostic tool"),
    ("per correu electrònic", "por correo electrónico", "by email"),
    ("en un màxim de 48 hores", "en un máximo de 48 horas", "within 48 hours at most"),
    ("i comprova que tot funciona", "y comprueba que todo funciona", "and check that everything works"),
    ("seguint la normativa de seguretat", "siguiendo la normativa de seguridad", "following the safety rules"),
    ("a la carpeta del client", "en la carpeta del cliente", "in the customer's file"),
    ("quan el client ho confirmi", "cuando el cliente lo confirme", "once the customer confirms"),
    ("amb tacte i paciència", "con tacto y paciencia", "tactfully and patiently"),
]
CONDITIONS = [
    ("el client no és a casa", "el cliente no está en casa", "the customer is not at home"),
    ("l'aparell és dins la garantia", "el aparato está en garantía", "the appliance is under guarantee"),
    ("falta alguna peça", "falta alguna pieza", "a part is missing"),
    ("la reparació triga més de dos dies", "la reparación tarda más de dos días", "the repair takes more than two days"),
    ("el client no accepta el pressupost", "el cliente no acepta el presupuesto", "the customer turns down the quote"),
    ("l'avaria es repeteix", "la avería se repite", "the fault comes back"),
    ("hi ha una fuita d'aigua", "hay una fuga de agua", "there is a water leak"),
    ("el número de sèrie no és llegible", "el número de serie no es legible", "the serial number cannot be read"),
    ("el magatzem no té la peça", "el almacén no tiene la pieza", "the warehouse does not have the part"),
    ("salta el diferencial", "salta el diferencial", "the circuit breaker trips"),
    ("el client demana una factura", "el cliente pide una factura", "the customer asks for an invoice"),
    ("l'aparell fa olor de cremat", "el aparato huele a quemado", "the appliance smells of burning"),
]
REASONS = [
    ("Així evitem visites repetides.", "Así evitamos visitas repetidas.", "This avoids repeat visits."),
    ("El client ha de saber en tot moment en quin estat és la seva reparació.",
     "El cliente debe saber en todo momento en qué estado está su reparación.",
     "The customer must always know where their repair stands."),
    ("Una dada que falta ara és una trucada més demà.", "Un dato que falta ahora es una llamada más mañana.",
     "A detail missing now is another phone call tomorrow."),
    ("La garantia legal és de tres anys des del lliurament.", "La garantía legal es de tres años desde la entrega.",
     "The legal guarantee lasts three years from delivery."),
    ("Mantenim els recanvis durant deu anys.", "Mantenemos los recambios durante diez años.",
     "We keep spare parts for ten years."),
    ("Cada no conformitat ens ajuda a millorar el servei.", "Cada no conformidad nos ayuda a mejorar el servicio.",
     "Every nonconformity helps us improve the service."),
    ("La seguretat de la persona és el primer.", "La seguridad de la persona es lo primero.",
     "Personal safety comes first."),
    ("Un client ben informat reclama menys i confia més.", "Un cliente bien informado reclama menos y confía más.",
     "A well-informed customer complains less and trusts us more."),
]
FAMILIES = [  # (plural ca, es, en), (singular with article ca, es, en), slug
    (("rentadores", "lavadoras", "washing machines"), ("la rentadora", "la lavadora", "the washing machine"), "washing-machines"),
    (("rentaplats", "lavavajillas", "dishwashers"), ("el rentaplats", "el lavavajillas", "the dishwasher"), "dishwashers"),
    (("frigorífics", "frigoríficos", "fridges"), ("el frigorífic", "el frigorífico", "the fridge"), "fridges"),
    (("congeladors", "congeladores", "freezers"), ("el congelador", "el congelador", "the freezer"), "freezers"),
    (("aires condicionats", "aires acondicionados", "air conditioners"),
     ("l'aire condicionat", "el aire acondicionado", "the air conditioner"), "air-conditioners"),
    (("escalfadors d'aigua", "calentadores de agua", "water heaters"),
     ("l'escalfador", "el calentador", "the water heater"), "water-heaters"),
    (("forns", "hornos", "ovens"), ("el forn", "el horno", "the oven"), "ovens"),
    (("plaques d'inducció", "placas de inducción", "induction hobs"),
     ("la placa d'inducció", "la placa de inducción", "the induction hob"), "induction-hobs"),
    (("campanes extractores", "campanas extractoras", "cooker hoods"),
     ("la campana extractora", "la campana extractora", "the cooker hood"), "cooker-hoods"),
    (("assecadores", "secadoras", "tumble dryers"), ("l'assecadora", "la secadora", "the tumble dryer"), "tumble-dryers"),
    (("microones", "microondas", "microwaves"), ("el microones", "el microondas", "the microwave"), "microwaves"),
    (("calderes", "calderas", "boilers"), ("la caldera", "la caldera", "the boiler"), "boilers"),
    (("bombes de calor", "bombas de calor", "heat pumps"), ("la bomba de calor", "la bomba de calor", "the heat pump"), "heat-pumps"),
    (("cafeteres", "cafeteras", "coffee machines"), ("la cafetera", "la cafetera", "the coffee machine"), "coffee-machines"),
]
LINES = ["Eco", "Plus", "Pro", "Compacta", "Family", "Silence", "Inverter", "Max", "Clàssica", "Òptima"]
ZONES = ["Vallès", "Maresme", "Barcelonès", "Osona", "Bages", "Penedès", "Garraf", "Anoia", "Segrià", "Gironès",
         "Empordà", "Tarragonès"]
PEOPLE = ["Montserrat Puig", "Jordi Ferrer i Soler", "Núria Vidal", "Pere Martí", "Mercè Roca", "Àlex Garcia"]

PROCEDURE_KINDS = [
    (("Reparació en garantia", "Reparación en garantía", "Warranty repair"), "C", "warranty-repair"),
    (("Instal·lació", "Instalación", "Installation"), "A", "installation"),
    (("Manteniment preventiu", "Mantenimiento preventivo", "Preventive maintenance"), "B", "maintenance"),
    (("Gestió de reclamacions", "Gestión de reclamaciones", "Complaint handling"), "C", "complaints"),
    (("Recollida i reparació al taller", "Recogida y reparación en taller", "Pick-up and workshop repair"), "A", "workshop"),
    (("Substitució de l'aparell", "Sustitución del aparato", "Replacement of the appliance"), "C", "replacement"),
    (("Devolució i abonament", "Devolución y abono", "Return and refund"), "C", "refund"),
    (("Revisió anual", "Revisión anual", "Annual inspection"), "B", "inspection"),
    (("Autoreparació assistida", "Autorreparación asistida", "Assisted self-repair"), "A", "self-repair"),
    (("Gestió administrativa de comandes", "Gestión administrativa de pedidos", "Administrative order handling"), "D", "orders"),
]
STANDARD_KINDS = [  # titles with {n}; unit; limit; frequency
    (("Resposta a les consultes en {n} hores", "Respuesta a las consultas en {n} horas", "Questions answered within {n} hours"),
     (2, 4, 8, 24), "hours", "at_most", "monthly", "answer"),
    (("Visita del tècnic en {n} dies laborables", "Visita del técnico en {n} días laborables", "Technician visit within {n} working days"),
     (1, 2, 3), "working_days", "at_most", "weekly", "visit"),
    (("{n} % de clients satisfets", "{n} % de clientes satisfechos", "{n} % satisfied customers"),
     (85, 90, 95), "percent", "at_least", "quarterly", "satisfaction"),
    (("Recanvis disponibles durant {n} anys", "Recambios disponibles durante {n} años", "Spare parts available for {n} years"),
     (7, 10, 12), "years", "at_least", "yearly", "spare-parts"),
    (("Trucada de satisfacció en {n} dies", "Llamada de satisfacción en {n} días", "Satisfaction call within {n} days"),
     (3, 7, 10), "days", "at_most", "monthly", "satisfaction-call"),
    (("Reclamacions resoltes en {n} dies", "Reclamaciones resueltas en {n} días", "Complaints resolved within {n} days"),
     (15, 30), "days", "at_most", "monthly", "complaints"),
    (("Línia d'atenció {n} hores al dia", "Línea de atención {n} horas al día", "Helpline open {n} hours a day"),
     (12, 16, 24), "hours_per_day", "at_least", "monthly", "hotline"),
    (("Enviament de recanvis en {n} dies", "Envío de recambios en {n} días", "Spare parts dispatched within {n} days"),
     (1, 2, 3), "days", "at_most", "weekly", "dispatch"),
]
ROLE_KINDS = [
    (("Teleoperador/a", "Teleoperador/a", "Telephone operator"), "after-sales", "tele-operator"),
    (("Tècnic/a de camp del SAT", "Técnico/a de campo del SAT", "SAT field technician"), "sat", "field-technician"),
    (("Tècnic/a de taller", "Técnico/a de taller", "Workshop technician"), "sat", "workshop-technician"),
    (("Cap del SAT", "Jefe/a del SAT", "SAT manager"), "sat", "sat-manager"),
    (("Responsable de qualitat", "Responsable de calidad", "Quality manager"), "quality", "quality-manager"),
    (("Administratiu/va de comptabilitat", "Administrativo/a de contabilidad", "Accounting clerk"), "accounting", "accounting-clerk"),
    (("Magatzemista", "Mozo/a de almacén", "Warehouse clerk"), "warehouse", "warehouse-clerk"),
    (("Coordinador/a de transport", "Coordinador/a de transporte", "Transport coordinator"), "transport", "transport-coordinator"),
    (("Representant comercial", "Representante comercial", "Sales representative"), "sales", "sales-representative"),
    (("Dependent/a de mostrador", "Dependiente/a de mostrador", "Counter clerk"), "after-sales", "counter-clerk"),
    (("Tècnic/a d'atenció al client", "Técnico/a de atención al cliente", "Customer service technician"), "after-sales", "customer-service"),
]
FORM_KINDS = [
    (("Val de servei", "Vale de servicio", "Service voucher"), "form", "service-voucher"),
    (("Fitxa de reparació", "Ficha de reparación", "Repair card"), "form", "repair-card"),
    (("Resguard de recollida", "Resguardo de recogida", "Pick-up receipt"), "form", "pickup-receipt"),
    (("Enquesta de satisfacció", "Encuesta de satisfacción", "Satisfaction survey"), "form", "survey"),
    (("Full de reclamació", "Hoja de reclamación", "Complaint record"), "form", "complaint-record"),
    (("Llibre de registre d'avisos", "Libro de registro de avisos", "Repair call log"), "log", "call-log"),
    (("Registre de no conformitats", "Registro de no conformidades", "Nonconformity log"), "log", "nonconformity-log"),
    (("Llista de comprovació d'instal·lació", "Lista de comprobación de instalación", "Installation checklist"),
     "checklist", "installation-checklist"),
    (("Informe de visita", "Informe de visita", "Visit report"), "form", "visit-report"),
]
TRAINING_KINDS = [
    (("Fonaments del servei postvenda", "Fundamentos del servicio posventa", "After-sales basics"), "basics"),
    (("Recepció de trucades", "Recepción de llamadas", "Taking calls"), "call-reception"),
    (("Diagnòstic d'avaries", "Diagnóstico de averías", "Fault diagnosis"), "diagnosis"),
    (("Decisions de garantia", "Decisiones de garantía", "Warranty decisions"), "warranty-decisions"),
    (("Gestió de reclamacions", "Gestión de reclamaciones", "Complaint management"), "complaints"),
    (("Seguretat elèctrica al domicili", "Seguridad eléctrica en el domicilio", "Electrical safety in the home"), "safety"),
    (("Reparació al taller", "Reparación en el taller", "Workshop repair"), "workshop"),
]
WARRANTY_KINDS = [  # title, causes, covered, remedies, category, slug
    (("Garantia legal de {n} anys", "Garantía legal de {n} años", "{n}-year legal guarantee"),
     ["manufacturing_defect"], True, ["repair", "replace", "price_reduction", "refund"], "C", "legal-guarantee"),
    (("Garantia comercial ampliada", "Garantía comercial ampliada", "Extended commercial warranty"),
     ["manufacturing_defect", "wear"], True, ["repair", "replace"], "C", "extended-warranty"),
    (("Garantia de la reparació", "Garantía de la reparación", "Repair guarantee"),
     ["faulty_repair"], True, ["repair", "refund"], "C", "repair-guarantee"),
    (("Danys causats pel client", "Daños causados por el cliente", "Damage caused by the customer"),
     ["misuse", "customer_damage"], False, [], "A", "customer-damage"),
    (("Exclusió de peces de desgast", "Exclusión de piezas de desgaste", "Wear parts exclusion"),
     ["wear"], False, [], "A", "wear-parts"),
    (("Contracte de manteniment", "Contrato de mantenimiento", "Maintenance contract"),
     ["wear", "unknown", "external"], True, ["repair"], "B", "maintenance-contract"),
]
CAUSES = ["manufacturing_defect", "faulty_repair", "wear", "misuse", "customer_damage", "external", "unknown"]
PROBLEMS = [
    (("no desguassa", "no desagua", "does not drain"), "not-draining"),
    (("no engega", "no arranca", "will not start"), "will-not-start"),
    (("fa molt de soroll", "hace mucho ruido", "is very noisy"), "noisy"),
    (("perd aigua", "pierde agua", "leaks water"), "leaking"),
    (("no escalfa", "no calienta", "does not heat"), "not-heating"),
    (("mostra un codi d'error", "muestra un código de error", "shows an error code"), "error-code"),
    (("no refreda prou", "no enfría lo suficiente", "is not cold enough"), "not-cold"),
    (("fa mala olor", "huele mal", "smells bad"), "bad-smell"),
    (("vibra massa", "vibra demasiado", "vibrates too much"), "vibrates"),
    (("s'atura a mig programa", "se para a mitad de programa", "stops mid-programme"), "stops"),
    (("no s'obre la porta", "no se abre la puerta", "the door will not open"), "door-stuck"),
]
TOOLS = [
    ("Un tornavís d'estrella", "Un destornillador de estrella", "A Phillips screwdriver"),
    ("Un cubell i unes tovalloles velles", "Un cubo y unas toallas viejas", "A bucket and some old towels"),
    ("Guants de cuina resistents", "Guantes de cocina resistentes", "Sturdy rubber gloves"),
    ("Un raspall suau", "Un cepillo suave", "A soft brush"),
    ("Una llanterna", "Una linterna", "A torch"),
    ("Un drap sec", "Un trapo seco", "A dry cloth"),
    ("Un nivell de bombolla", "Un nivel de burbuja", "A spirit level"),
]
PARTS = [
    ("Un filtre nou", "Un filtro nuevo", "A new filter"),
    ("Una junta de recanvi", "Una junta de recambio", "A replacement seal"),
    ("Un fusible de 10 A", "Un fusible de 10 A", "A 10 A fuse"),
]
SAFETY = [
    ("Desendolleu l'aparell abans de tocar-ne cap peça.", "Desenchufe el aparato antes de tocar ninguna pieza.",
     "Unplug the appliance before you touch any part."),
    ("Tanqueu la clau de pas de l'aigua.", "Cierre la llave de paso del agua.", "Turn off the water supply tap."),
    ("L'aigua pot ser molt calenta; espereu mitja hora.", "El agua puede estar muy caliente; espere media hora.",
     "The water may be very hot; wait half an hour."),
    ("No obriu mai la tapa posterior; hi ha tensió elèctrica.", "No abra nunca la tapa trasera; hay tensión eléctrica.",
     "Never open the back cover; there is live voltage inside."),
    ("Feu servir guants; hi pot haver vores tallants.", "Use guantes; puede haber bordes cortantes.",
     "Wear gloves; there may be sharp edges."),
]
FIELD_LABELS = [
    (("Data de l'avís", "Fecha del aviso", "Date of the call"), "date"),
    (("Client", "Cliente", "Customer"), "text"),
    (("Adreça del servei", "Dirección del servicio", "Service address"), "text"),
    (("Telèfon de contacte", "Teléfono de contacto", "Contact phone"), "text"),
    (("Model de l'aparell", "Modelo del aparato", "Appliance model"), "text"),
    (("Número de sèrie", "Número de serie", "Serial number"), "text"),
    (("Avaria comunicada", "Avería comunicada", "Fault reported"), "long_text"),
    (("Feina feta", "Trabajo realizado", "Work done"), "long_text"),
    (("Temps de feina", "Tiempo de trabajo", "Time on the job"), "number"),
    (("Hora d'arribada", "Hora de llegada", "Arrival time"), "time"),
    (("Cobrat in situ", "Cobrado in situ", "Paid on site"), "checkbox"),
    (("Signatura del client", "Firma del cliente", "Customer's signature"), "signature"),
    (("Categoria del servei", "Categoría del servicio", "Service category"), "choice"),
    (("Peces utilitzades", "Piezas utilizadas", "Parts used"), "table"),
]
CHOICES = [
    ("A · Servei de pagament", "A · Servicio de pago", "A · Paid service"),
    ("B · Contracte de manteniment", "B · Contrato de mantenimiento", "B · Maintenance contract"),
    ("C · Gratuït (garantia)", "C · Gratuito (garantía)", "C · Free (warranty)"),
    ("D · Feina interna", "D · Trabajo interno", "D · Internal work"),
]
COLUMNS = [
    ("code", ("Codi", "Código", "Part code"), "text"),
    ("description", ("Descripció", "Descripción", "Description"), "text"),
    ("quantity", ("Quantitat", "Cantidad", "Quantity"), "number"),
    ("price", ("Preu (€)", "Precio (€)", "Price (€)"), "number"),
    ("date", ("Data", "Fecha", "Date"), "date"),
]

# --------------------------------------------------------------------------- YAML text

_NOT_PLAIN_START = set("-?:,[]{}#&*!|>'\"%@` ")
_SPECIAL = re.compile(
    r"[-+]?(\d[\d_]*(\.\d*)?|\.\d+)([eE][-+]?\d+)?|0x[0-9a-fA-F]+|0o[0-7]+|"
    r"true|false|yes|no|on|off|y|n|null|~|\.inf|\.nan|\d+(:\d+)+",
    re.IGNORECASE,
)


def scalar(text: str, flow: bool = False) -> str:
    """A YAML scalar for ``text``: plain when safe, else double-quoted (JSON escapes are YAML)."""
    if (text and text == text.strip() and text[0] not in _NOT_PLAIN_START and "\n" not in text
            and ": " not in text and " #" not in text and not text.endswith(":") and "\t" not in text
            and not (flow and any(c in text for c in ",[]{}")) and not _SPECIAL.fullmatch(text)):
        return text
    return json.dumps(text, ensure_ascii=False)


class Doc:
    """Lines of one YAML file."""

    def __init__(self) -> None:
        self.lines: list[str] = []

    def add(self, line: str) -> None:
        self.lines.append(line)

    def key(self, indent: int, key: str, value: str | None = None) -> None:
        pad = " " * indent
        self.lines.append(f"{pad}{key}:" if value is None else f"{pad}{key}: {value}")

    def text(self, indent: int, key: str, texts: tuple[str, ...], dash: bool = False) -> None:
        """``key:`` then one line per language (``dash`` makes it a list element with that key)."""
        pad = " " * indent
        if dash:
            self.lines.append(f"{pad}- {key}:")
            pad += "  "
        else:
            self.lines.append(f"{pad}{key}:")
        for lang, value in zip(LANGS, texts):
            self.lines.append(f"{pad}  {lang}: {scalar(value)}")

    def text_list_item(self, indent: int, texts: tuple[str, ...]) -> None:
        """A list element that is a text: ``- ca: …`` / ``  es: …``."""
        pad = " " * indent
        for number, (lang, value) in enumerate(zip(LANGS, texts)):
            self.lines.append(f"{pad}{'- ' if number == 0 else '  '}{lang}: {scalar(value)}")

    def flow_text(self, texts: tuple[str, ...]) -> str:
        return "{" + ", ".join(f"{lang}: {scalar(value, flow=True)}" for lang, value in zip(LANGS, texts)) + "}"

    def block(self, indent: int, key: str, texts: tuple[str, ...]) -> None:
        """A multi-paragraph text, one literal block per language."""
        pad = " " * indent
        self.lines.append(f"{pad}{key}:")
        for lang, value in zip(LANGS, texts):
            self.lines.append(f"{pad}  {lang}: |-")
            for line in value.split("\n"):
                self.lines.append(f"{pad}    {line}" if line else "")

    def render(self) -> str:
        return "\n".join(self.lines) + "\n"


def ids_list(values: list[str]) -> str:
    return "[" + ", ".join(values) + "]"


# --------------------------------------------------------------------------- texts


class Writer:
    """Random but reproducible texts in the three languages."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng

    def pick(self, seq):
        return seq[self.rng.randrange(len(seq))]

    def sentence(self) -> tuple[str, str, str]:
        verb, obj, comp = self.pick(VERBS), self.pick(OBJECTS), self.pick(COMPLEMENTS)
        return tuple(f"{verb[i]} {obj[i]} {comp[i]}." for i in range(3))

    def conditional(self) -> tuple[str, str, str]:
        cond, verb, obj, comp = self.pick(CONDITIONS), self.pick(VERBS), self.pick(OBJECTS), self.pick(COMPLEMENTS)
        starts = ("Si", "Si", "If")
        return tuple(f"{starts[i]} {cond[i]}, {_lower(verb[i])} {obj[i]} {comp[i]}." for i in range(3))

    def paragraph(self, low: int, high: int) -> tuple[str, str, str]:
        parts = []
        for _ in range(self.rng.randint(low, high)):
            roll = self.rng.random()
            parts.append(self.sentence() if roll < 0.55 else self.conditional() if roll < 0.85 else self.pick(REASONS))
        return tuple(" ".join(part[i] for part in parts) for i in range(3))

    def question(self) -> tuple[str, str, str]:
        cond = self.pick(CONDITIONS)
        return (f"{_upper(cond[0])}?", f"¿{_upper(cond[1])}?", f"Is it the case that {cond[2]}?")

    def short(self) -> tuple[str, str, str]:
        obj, comp = self.pick(OBJECTS), self.pick(COMPLEMENTS)
        return tuple(_upper(f"{obj[i]} {comp[i]}") for i in range(3))


def _lower(text: str) -> str:
    return text[:1].lower() + text[1:]


def _upper(text: str) -> str:
    return text[:1].upper() + text[1:]


def _de(word: str) -> str:
    """Catalan 'de' with elision: d'escalfadors, de rentadores."""
    return "d'" + word if word[:1].lower() in "aeiouàèéíòóúh" else "de " + word


def _slug(text: str) -> str:
    return re.sub(r"-+", "-", re.sub(r"[^a-z0-9]+", "-", text.lower())).strip("-")


# --------------------------------------------------------------------------- the corpus


def type_counts(n: int) -> dict[str, int]:
    """Items per type for N items: the example's shares, at least one of each, summing to N."""
    if n < len(SHARES):
        raise ValueError(f"--items must be at least {len(SHARES)} (one item of each type)")
    raw = {name: share * n for name, _, share in SHARES}
    counts = {name: max(1, int(value)) for name, value in raw.items()}
    order = sorted(raw, key=lambda name: raw[name] - int(raw[name]), reverse=True)
    index = 0
    while sum(counts.values()) < n:
        counts[order[index % len(order)]] += 1
        index += 1
    while sum(counts.values()) > n:
        largest = max(counts, key=counts.get)
        counts[largest] -= 1
    return counts


class Corpus:
    def __init__(self, n: int) -> None:
        self.n = n
        self.rng = random.Random(f"aftersales-bench-corpus-{n}")
        self.w = Writer(self.rng)
        self.counts = type_counts(n)
        self.today = dt.date(2026, 11, 1)
        # Decide every item's id and kind first, so references can point anywhere.
        self.kinds: dict[str, list[tuple[str, object]]] = {}
        for name, _, _ in SHARES:
            table = {"procedure": PROCEDURE_KINDS, "standard": STANDARD_KINDS, "role": ROLE_KINDS,
                     "warranty": WARRANTY_KINDS, "guide": PROBLEMS, "training": TRAINING_KINDS,
                     "form": FORM_KINDS, "product": FAMILIES}[name]
            entries = []
            for number in range(1, self.counts[name] + 1):
                kind = table[(number - 1) % len(table)] if number <= len(table) else self.w.pick(table)
                family = FAMILIES[(number - 1) % len(FAMILIES)] if name == "product" else self.w.pick(FAMILIES)
                entries.append((self._id(name, kind, family, number), (kind, family)))
            self.kinds[name] = entries
        self.ids = {name: [entry[0] for entry in entries] for name, entries in self.kinds.items()}

    def _id(self, type_name: str, kind, family, number: int) -> str:
        slug = family[2]
        base = {
            "procedure": lambda: f"{kind[2]}-{slug}",
            "standard": lambda: f"standard-{kind[5]}",
            "role": lambda: kind[2],
            "warranty": lambda: kind[5],
            "guide": lambda: f"{slug}-{kind[1]}",
            "training": lambda: f"training-{kind[1]}",
            "form": lambda: kind[2],
            "product": lambda: slug,
        }[type_name]()
        return f"{base}-{number}"

    # ------------------------------------------------------------------ helpers

    def some(self, type_name: str, low: int, high: int, exclude: str | None = None) -> list[str]:
        pool = [i for i in self.ids[type_name] if i != exclude]
        k = min(len(pool), self.rng.randint(low, high))
        return self.rng.sample(pool, k) if k else []

    def date_before(self, date: dt.date, low: int, high: int) -> dt.date:
        return date - dt.timedelta(days=self.rng.randint(low, high))

    def header(self, doc: Doc, type_name: str, item_id: str, title: tuple, audience: str, summary: tuple | None,
               tags: list[str]) -> None:
        doc.add(f"# yaml-language-server: $schema=../../schemas/{type_name}.schema.json")
        doc.add(f"# Synthetic {type_name} for the benchmarks (bench/make_corpus.py, N={self.n}).")
        doc.key(0, "id", item_id)
        doc.key(0, "audience", audience)
        doc.text(0, "title", title)
        if summary:
            doc.text(0, "summary", summary)
        if tags:
            doc.key(0, "tags", ids_list(tags))
        approved = self.date_before(self.today, 5, 300)
        doc.key(0, "document")
        doc.key(2, "owner", self.w.pick(self.ids["role"]))
        major = self.rng.randint(1, 3)
        minor = self.rng.randint(0, 9)
        doc.key(2, "version", f'"{major}.{minor}"')
        doc.key(2, "approved", approved.isoformat())
        doc.key(2, "next_review", (self.today + dt.timedelta(days=self.rng.randint(200, 700))).isoformat())
        doc.key(2, "approved_by", self.w.pick(PEOPLE))
        history = self.rng.randint(0, 2)
        if history:
            doc.key(2, "history")
            date, earlier_major, earlier_minor = approved, major, minor
            for _ in range(history):
                date = self.date_before(date, 30, 200)
                earlier_minor -= 1
                if earlier_minor < 0:
                    earlier_major, earlier_minor = earlier_major - 1, 9
                doc.add(f'    - version: "{earlier_major}.{earlier_minor}"')
                doc.key(6, "date", date.isoformat())
                doc.text(6, "summary", self.w.sentence())

    # ------------------------------------------------------------------ types

    def procedure(self, item_id: str, kind, family) -> str:
        w, rng = self.w, self.rng
        (title_kind, category, _), plural = kind, family[0]
        title = (f"{title_kind[0]} {_de(plural[0])}", f"{title_kind[1]} de {plural[1]}", f"{title_kind[2]} of {plural[2]}")
        doc = Doc()
        self.header(doc, "procedure", item_id, title, "staff", w.paragraph(1, 2), [family[2], kind[2]])
        doc.text(0, "purpose", w.paragraph(1, 3))
        doc.text(0, "trigger", w.paragraph(1, 1))
        doc.key(0, "category", category)
        doc.key(0, "products", ids_list(self.some("product", 1, 3)))
        if rng.random() < 0.7:
            doc.key(0, "warranty", ids_list(self.some("warranty", 1, 2)))
        if rng.random() < 0.5:
            doc.key(0, "guides", ids_list(self.some("guide", 1, 2)))
        related = self.some("procedure", 0, 2, exclude=item_id)
        if related:
            doc.key(0, "related", ids_list(related))
        # 12–30 steps, every phase present.
        total = rng.randint(12, 30)
        split = [2, 4, 3, 2]
        for _ in range(total - sum(split)):
            split[rng.choices(range(4), weights=(2, 4, 3, 2))[0]] += 1
        step_ids = [[f"{phase.replace('_', '-')}-{k + 1}" for k in range(count)] for phase, count in zip(PHASES, split)]
        flat = [sid for ids in step_ids for sid in ids]
        doc.key(0, "steps")
        for phase, ids in zip(PHASES, step_ids):
            doc.key(2, phase)
            for sid in ids:
                doc.add(f"    - id: {sid}")
                doc.text(6, "action", w.paragraph(1, 2))
                doc.key(6, "role", w.pick(self.ids["role"]))
                if phase == "departments":
                    doc.key(6, "department", w.pick(DEPARTMENTS))
                if rng.random() < 0.45:
                    doc.key(6, "forms", ids_list(self.some("form", 1, 2)))
                if rng.random() < 0.35:
                    doc.key(6, "standards", ids_list(self.some("standard", 1, 2)))
                if rng.random() < 0.2:
                    doc.text(6, "notes", w.paragraph(1, 2))
                if rng.random() < 0.18:
                    doc.key(6, "decision")
                    doc.text(8, "question", w.question())
                    doc.key(8, "outcomes")
                    for _ in range(rng.randint(2, 4)):
                        doc.text(10, "when", w.short(), dash=True)
                        doc.text(12, "then", w.paragraph(1, 2))
                        roll = rng.random()
                        if roll < 0.5:
                            doc.key(12, "next_step", w.pick([s for s in flat if s != sid]))
                        elif roll < 0.65 and len(self.ids["procedure"]) > 1:
                            doc.key(12, "next_procedure", self.some("procedure", 1, 1, exclude=item_id)[0])
        return doc.render()

    def standard(self, item_id: str, kind, family) -> str:
        w, rng = self.w, self.rng
        titles, values, unit, limit, frequency, _ = kind
        n = w.pick(values)
        title = tuple(t.format(n=n) for t in titles)
        doc = Doc()
        self.header(doc, "standard", item_id, title, "staff", w.paragraph(1, 1), [])
        doc.text(0, "commitment", w.paragraph(1, 2))
        doc.key(0, "target")
        doc.key(2, "value", str(n))
        doc.key(2, "unit", unit)
        doc.key(2, "limit", limit)
        doc.key(0, "measurement")
        doc.text(2, "indicator", w.short())
        doc.text(2, "method", w.paragraph(1, 2))
        doc.key(2, "frequency", frequency)
        doc.text(0, "when_missed", w.paragraph(1, 2))
        if rng.random() < 0.6:
            doc.text(0, "customer_claim", w.paragraph(1, 2))
        doc.key(0, "categories", ids_list(sorted(rng.sample("ABCD", rng.randint(1, 3)))))
        return doc.render()

    def role(self, item_id: str, kind, family) -> str:
        w, rng = self.w, self.rng
        titles, department, _ = kind
        zone = w.pick(ZONES)
        title = tuple(f"{t} ({zone})" for t in titles)
        doc = Doc()
        self.header(doc, "role", item_id, title, "staff", w.paragraph(1, 1), [])
        doc.key(0, "department", department)
        index = self.ids["role"].index(item_id)
        if index > 0:  # a tree: everyone reports to an earlier role, so there is no loop
            doc.key(0, "reports_to", self.ids["role"][rng.randrange(index)])
        doc.text(0, "education", w.paragraph(1, 2))
        doc.text(0, "experience", w.paragraph(1, 2))
        doc.key(0, "responsibilities")
        for _ in range(rng.randint(3, 6)):
            doc.text_list_item(2, w.paragraph(1, 2))
        doc.key(0, "skills")
        for _ in range(rng.randint(2, 4)):
            doc.text_list_item(2, w.short())
        return doc.render()

    def warranty(self, item_id: str, kind, family) -> str:
        w, rng = self.w, self.rng
        titles, causes, covered, remedies, category, _ = kind
        years = rng.choice((2, 3, 5))
        title = tuple(t.format(n=years) for t in titles)
        doc = Doc()
        self.header(doc, "warranty", item_id, title, "public", w.paragraph(1, 2), ["guarantee"])
        # The rules form a decision table (hit policy 'priority' in SITE_CONFIG): the first rule is
        # the catch-all "paid service" for every product, cause and age, so no case is undecided;
        # every other rule has its own, higher priority, so none ties with another, and a product
        # family of its own that no other rule names, so it decides something (none is shadowed).
        number = self.ids["warranty"].index(item_id)
        owned = self.ids["product"][:len(self.ids["warranty"]) - 1]
        own = [owned[number - 1]] if 0 < number <= len(owned) else []
        extras = [product for product in self.some("product", 1, 4) if product not in owned]
        products = own + extras or self.ids["product"][-1:]
        to_month = f"{years * 12}"
        if number == 0:
            products, causes, covered, remedies, category, to_month = (
                self.ids["product"], CAUSES, False, [], "A", None)
        doc.key(0, "products", ids_list(products))
        doc.key(0, "causes", ids_list(causes))
        if to_month is not None:
            doc.key(0, "to_month", to_month)
        doc.key(0, "covered", "true" if covered else "false")
        payer = "company" if covered else "customer"
        doc.key(0, "pays", f"{{parts: {payer}, labour: {payer}, travel: {payer}}}")
        doc.key(0, "priority", str(number))
        doc.key(0, "conditions")
        for _ in range(rng.randint(2, 6)):
            doc.text_list_item(2, w.paragraph(1, 2))
        doc.key(0, "exclusions")
        for _ in range(rng.randint(1, 4)):
            doc.text_list_item(2, w.paragraph(1, 1))
        if remedies:
            doc.key(0, "remedies", ids_list(remedies))
        doc.key(0, "category", category)
        doc.key(0, "applies_from", "2022-01-01")
        paragraphs = [w.paragraph(2, 4) for _ in range(rng.randint(2, 3))]
        doc.block(0, "details", tuple("\n\n".join(p[i] for p in paragraphs) for i in range(3)))
        doc.text(0, "legal_basis", w.paragraph(1, 2))
        return doc.render()

    def guide(self, item_id: str, kind, family) -> str:
        w, rng = self.w, self.rng
        problem, singular = kind[0], family[1]
        title = tuple(_upper(f"{singular[i]} {problem[i]}") for i in range(3))
        doc = Doc()
        self.header(doc, "guide", item_id, title, "public", w.paragraph(1, 2), [family[2], kind[1]])
        doc.key(0, "products", ids_list(self.some("product", 1, 2)))
        doc.text(0, "symptom", w.paragraph(1, 2))
        doc.key(0, "difficulty", w.pick(("easy", "easy", "medium", "hard")))
        doc.key(0, "time_minutes", str(rng.choice((10, 15, 20, 30, 45, 60))))
        doc.key(0, "tools")
        for tool in rng.sample(TOOLS, rng.randint(1, 4)):
            doc.text_list_item(2, tool)
        parts = rng.sample(PARTS, rng.randint(0, 2))
        if parts:
            doc.key(0, "parts")
            for part in parts:
                doc.text_list_item(2, part)
        else:
            doc.key(0, "parts", "[]")
        doc.key(0, "safety")
        for warning in rng.sample(SAFETY, rng.randint(1, 4)):
            doc.text_list_item(2, warning)
        doc.key(0, "steps")
        for _ in range(rng.randint(8, 15)):
            doc.text(2, "action", w.paragraph(1, 3), dash=True)
            if rng.random() < 0.25:
                doc.text(4, "caution", w.paragraph(1, 1))
        doc.text(0, "success_check", w.paragraph(1, 2))
        doc.key(0, "stop_and_call")
        for _ in range(rng.randint(1, 3)):
            doc.text_list_item(2, w.paragraph(1, 1))
        doc.text(0, "warranty_effect", w.paragraph(2, 3))
        return doc.render()

    def training(self, item_id: str, kind, family) -> str:
        w, rng = self.w, self.rng
        doc = Doc()
        self.header(doc, "training", item_id, kind[0], "staff", w.paragraph(1, 2), [])
        doc.key(0, "roles", ids_list(self.some("role", 1, 3)))
        doc.key(0, "objectives")
        for _ in range(rng.randint(2, 4)):
            doc.text_list_item(2, w.paragraph(1, 1))
        doc.key(0, "duration_minutes", str(rng.choice((60, 90, 120, 180, 240))))
        index = self.ids["training"].index(item_id)
        if index > 0:  # only earlier modules: no loop of prerequisites
            earlier = self.ids["training"][:index]
            doc.key(0, "prerequisites", ids_list(rng.sample(earlier, min(len(earlier), rng.randint(0, 2)))))
        doc.key(0, "lessons")
        for _ in range(rng.randint(2, 4)):
            doc.text(2, "title", w.short(), dash=True)
            intro, bullets, outro = w.paragraph(1, 2), [w.sentence() for _ in range(rng.randint(2, 4))], w.paragraph(1, 2)
            doc.block(4, "body", tuple(
                intro[i] + "\n\n" + "\n".join(f"- {b[i]}" for b in bullets) + "\n\n" + outro[i] for i in range(3)))
        doc.key(0, "self_check")
        for _ in range(rng.randint(1, 3)):
            doc.text(2, "question", w.question(), dash=True)
            doc.text(4, "answer", w.paragraph(1, 2))
        procedures = self.some("procedure", 0, 3)
        if procedures:
            doc.key(0, "procedures", ids_list(procedures))
        standards = self.some("standard", 0, 2)
        if standards:
            doc.key(0, "standards", ids_list(standards))
        return doc.render()

    def form(self, item_id: str, kind, family) -> str:
        w, rng = self.w, self.rng
        titles, form_kind, _ = kind
        plural = family[0]
        title = (f"{titles[0]} {_de(plural[0])}", f"{titles[1]} de {plural[1]}", f"{titles[2]} for {plural[2]}")
        doc = Doc()
        self.header(doc, "form", item_id, title, "staff", w.paragraph(1, 1), [])
        doc.text(0, "purpose", w.paragraph(1, 2))
        doc.key(0, "kind", form_kind)
        doc.key(0, "fields")
        for (labels, field_type) in rng.sample(FIELD_LABELS, rng.randint(4, 10)):
            doc.add(f"  - id: {_slug(labels[2])}")
            doc.key(4, "label", doc.flow_text(labels))
            doc.key(4, "type", field_type)
            if rng.random() < 0.5:
                doc.key(4, "required", "true")
            if field_type == "number":
                doc.key(4, "unit", "h")
            elif field_type == "choice":
                doc.key(4, "choices")
                for choice in CHOICES[: rng.randint(2, 4)]:
                    doc.text_list_item(6, choice)
            elif field_type == "table":
                doc.key(4, "rows", str(rng.randint(5, 20)))
                doc.key(4, "columns")
                for column_id, column_labels, column_type in rng.sample(COLUMNS, rng.randint(2, 5)):
                    doc.add(f"      - id: {column_id}")
                    doc.key(8, "label", doc.flow_text(column_labels))
                    if column_type != "text":
                        doc.key(8, "type", column_type)
        return doc.render()

    def product(self, item_id: str, kind, family) -> str:
        w, rng = self.w, self.rng
        plural = family[0]
        line = w.pick(LINES)
        title = tuple(f"{_upper(plural[i])} {line}" for i in range(3))
        doc = Doc()
        self.header(doc, "product", item_id, title, "public", w.paragraph(1, 1), [family[2]])
        doc.text(0, "description", w.paragraph(2, 3))
        doc.key(0, "models")
        prefix = "".join(part[0] for part in family[2].split("-")).upper()
        for _ in range(rng.randint(1, 4)):
            code = f"{prefix}-{rng.randint(100, 9999)}{w.pick(('', 'NF', 'X', 'E'))}"
            doc.add(f"  - code: {code}")
            doc.text(4, "name", tuple(f"{_upper(plural[i])} {line} {code}" for i in range(3)))
            doc.key(4, "since", dt.date(rng.randint(2018, 2025), rng.randint(1, 12), rng.randint(1, 28)).isoformat())
        doc.key(0, "spare_parts_years", str(rng.choice((10, 10, 12, 15))))
        return doc.render()

    # ------------------------------------------------------------------ output

    def write(self, out: Path) -> dict[str, int]:
        content = out / "content"
        for _, folder, _ in SHARES:
            (content / folder).mkdir(parents=True, exist_ok=True)
        (out / "site_config.yml").write_text(SITE_CONFIG, encoding="utf-8")
        folders = {name: folder for name, folder, _ in SHARES}
        for name, entries in self.kinds.items():
            make = getattr(self, name)
            for item_id, (kind, family) in entries:
                (content / folders[name] / f"{item_id}.yml").write_text(make(item_id, kind, family), encoding="utf-8")
        return self.counts


SITE_CONFIG = """\
# Synthetic knowledge base for the benchmarks (bench/make_corpus.py).
title:
  ca: Servei postvenda Vallès
  es: Servicio posventa Vallès
  en: Vallès after-sales service
description:
  ca: Procediments, compromisos de servei, garanties i guies d'autoreparació dels electrodomèstics Vallès.
  es: Procedimientos, compromisos de servicio, garantías y guías de autorreparación de los electrodomésticos Vallès.
  en: Procedures, service commitments, warranties and self-repair guides for Vallès home appliances.
url: https://postvenda.example.com
company:
  name: Electrodomèstics Vallès, S.A.
  phone: "900 102 030"
  phone_is_free: true
  email: postvenda@example.com
  address:
    ca: Carrer de la Indústria, 45, 08208 Sabadell (Barcelona)
    es: Carrer de la Indústria, 45, 08208 Sabadell (Barcelona)
    en: Carrer de la Indústria 45, 08208 Sabadell (Barcelona), Spain
  hours:
    ca: Telèfon gratuït les 24 hores, tots els dies de l'any.
    es: Teléfono gratuito las 24 horas, todos los días del año.
    en: Free phone line 24 hours a day, every day of the year.
  website: https://www.example.com
  channels:
    - kind: phone
      value: "900 102 030"
      free: true
      label:
        ca: Avaries, consultes i reclamacions (trucada gratuïta)
        es: Averías, consultas y reclamaciones (llamada gratuita)
        en: Breakdowns, questions and complaints (free call)
    - kind: email
      value: postvenda@example.com
      label:
        ca: Consultes i reclamacions
        es: Consultas y reclamaciones
        en: Questions and complaints
languages: [ca, es, en]
required_phases: [reception, sat, departments, follow_up]
departments:
  after-sales: {ca: Servei postvenda, es: Servicio posventa, en: After-sales service}
  sat: {ca: Servei d'assistència tècnica (SAT), es: Servicio de asistencia técnica (SAT), en: Technical assistance service (SAT)}
  warehouse: {ca: Magatzem, es: Almacén, en: Warehouse}
  transport: {ca: Transport, es: Transporte, en: Transport}
  sales: {ca: Comercial, es: Comercial, en: Sales}
  accounting: {ca: Comptabilitat, es: Contabilidad, en: Accounting}
  quality: {ca: Qualitat, es: Calidad, en: Quality}
disclaimer:
  ca: "Aquestes regles de garantia són exemples per a una empresa fictícia, no assessorament jurídic."
  es: "Estas reglas de garantía son ejemplos para una empresa ficticia, no asesoramiento jurídico."
  en: "These warranty rules are examples for a fictional company, not legal advice."
warranty:
  hit_policy: priority
review_warning_days: 30
"""


def make_corpus(n: int, out: Path) -> dict[str, int]:
    """Write the N-item corpus into ``out`` (its content/ is replaced); returns items per type."""
    out.mkdir(parents=True, exist_ok=True)
    if (out / "content").exists():
        shutil.rmtree(out / "content")
    return Corpus(n).write(out)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--items", type=int, required=True, help="number of items (at least 8)")
    parser.add_argument("--out", type=Path, required=True, help="folder to write (site_config.yml and content/)")
    args = parser.parse_args(argv)
    start = time.perf_counter()
    try:
        counts = make_corpus(args.items, args.out)
    except ValueError as exc:
        parser.error(str(exc))
    size = sum(p.stat().st_size for p in (args.out / "content").rglob("*.yml"))
    print(f"{args.items} items in {args.out} ({size / 1e6:.1f} MB, {time.perf_counter() - start:.2f} s): "
          + ", ".join(f"{name} {count}" for name, count in counts.items()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
