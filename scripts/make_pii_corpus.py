#!/usr/bin/python3
"""Writes the labelled PII evaluation corpus to tests/data/pii/ (fixed seed: reruns give the same
files). Each table mixes real PII kinds in several formats and locales with decoys that look
alike (product codes, order numbers, ZIP-like IDs, dates that are not birth dates, product and
city names). labels.csv names the entity of every column ("" for none). All values are generated
here: names are common given names and surnames, numbers are random with valid checksums."""
import csv
import os
import random

rng = random.Random(20240607)
OUT = os.path.join(os.path.dirname(__file__), "..", "tests", "data", "pii")
ROWS = 300

FIRST = {
    "en": ["James", "Mary", "John", "Patricia", "Robert", "Jennifer", "Michael", "Linda", "William", "Elizabeth",
           "David", "Barbara", "Richard", "Susan", "Joseph", "Jessica", "Thomas", "Sarah", "Charles", "Karen",
           "Daniel", "Nancy", "Matthew", "Lisa", "Anthony", "Betty", "Mark", "Sandra", "Steven", "Ashley"],
    "de": ["Lukas", "Anna", "Leon", "Lena", "Felix", "Marie", "Jonas", "Laura", "Paul", "Julia", "Maximilian",
           "Sophie", "Finn", "Lea", "Elias", "Emma", "Noah", "Hannah", "Tim", "Johanna"],
    "fr": ["Jean", "Marie", "Pierre", "Camille", "Louis", "Chloé", "Lucas", "Manon", "Hugo", "Léa", "Julien",
           "Sarah", "Nicolas", "Emma", "Antoine", "Inès", "Thomas", "Clara"],
    "es": ["José", "María", "Antonio", "Carmen", "Manuel", "Ana", "Francisco", "Laura", "David", "Lucía", "Javier",
           "Elena", "Carlos", "Marta", "Miguel", "Sara"],
}
LAST = {
    "en": ["Smith", "Johnson", "Williams", "Brown", "Jones", "Miller", "Davis", "Wilson", "Anderson", "Taylor",
           "Thomas", "Moore", "Martin", "Jackson", "Thompson", "White", "Harris", "Clark", "Lewis", "Walker"],
    "de": ["Müller", "Schmidt", "Schneider", "Fischer", "Weber", "Meyer", "Wagner", "Becker", "Schulz", "Hoffmann",
           "Koch", "Richter", "Wolf", "Klein", "Neumann", "Schwarz"],
    "fr": ["Martin", "Bernard", "Dubois", "Thomas", "Robert", "Richard", "Petit", "Durand", "Leroy", "Moreau",
           "Simon", "Laurent", "Lefebvre", "Michel", "Garcia", "Fournier"],
    "es": ["García", "Fernández", "González", "Rodríguez", "López", "Martínez", "Sánchez", "Pérez", "Gómez",
           "Martín", "Jiménez", "Ruiz", "Hernández", "Díaz", "Moreno"],
}
CITIES = ["Springfield", "Paris", "Berlin", "Madrid", "Rome", "Chicago", "Boston", "Munich", "Lyon", "Seville",
          "Denver", "Portland", "Hamburg", "Marseille", "Valencia", "Dallas", "Seattle", "Cologne", "Toulouse",
          "Bilbao", "Phoenix", "Atlanta", "Dresden", "Nantes", "Granada", "Detroit", "Miami", "Leipzig"]
PRODUCTS = ["Ultra Widget Pro", "Smart Lamp", "Eco Kettle", "Turbo Blender 3000", "Aqua Bottle", "Zen Pillow",
            "Nimbus Backpack", "Quantum Mouse", "Solar Charger", "Comfy Socks", "Glow Mug", "Swift Scooter"]
STREETS_EN = ["Main Street", "Oak Avenue", "Maple Drive", "Cedar Lane", "Pine Road", "Elm Street", "Lake Boulevard",
              "Hill Court", "Park Avenue", "Sunset Blvd"]
STREETS_DE = ["Hauptstraße", "Bahnhofstr.", "Gartenweg", "Schulstraße", "Lindenallee", "Marktplatz", "Bergstraße"]
WORDS = ["alpha", "bravo", "north", "river", "stone", "maple", "cloud", "pixel", "orbit", "delta"]


def luhn_digit(body):
    total = 0
    for i, ch in enumerate(reversed(body)):
        d = int(ch)
        if i % 2 == 0:
            d = d * 2 - 9 if d * 2 > 9 else d * 2
        total += d
    return str((10 - total % 10) % 10)


def card():
    prefix = rng.choice(["4", "51", "52", "55", "37", "6011"])
    length = 15 if prefix == "37" else 16
    body = prefix + "".join(rng.choice("0123456789") for _ in range(length - len(prefix) - 1))
    digits = body + luhn_digit(body)
    style = rng.choice(["plain", "space", "dash"])
    if style == "plain" or length == 15:
        return digits
    groups = [digits[i:i + 4] for i in range(0, 16, 4)]
    return (" " if style == "space" else "-").join(groups)


def iban(country, bban_len, spaced):
    bban = "".join(rng.choice("0123456789") for _ in range(bban_len))
    if country == "GB":
        bban = "".join(rng.choice("ABCDEFGHIJKLMNOPQRSTUVWXYZ") for _ in range(4)) + bban[4:]
    rearranged = bban + country + "00"
    num = int("".join(str(int(c, 36)) for c in rearranged))
    check = 98 - num % 97
    value = f"{country}{check:02d}{bban}"
    return " ".join(value[i:i + 4] for i in range(0, len(value), 4)) if spaced else value


def ssn():
    while True:
        area = rng.randint(1, 899)
        if area != 666:
            break
    return f"{area:03d}-{rng.randint(1, 99):02d}-{rng.randint(1, 9999):04d}"


def phone(kind):
    if kind == "us":
        area = rng.choice([212, 415, 312, 617, 206, 303, 404, 512])
        exch = rng.randint(200, 999)
        line = rng.randint(0, 9999)
        return rng.choice([f"({area}) {exch}-{line:04d}", f"{area}-{exch}-{line:04d}", f"+1 {area} {exch} {line:04d}"])
    if kind == "uk":
        return f"+44 20 7{rng.randint(100, 999)} {rng.randint(1000, 9999)}"
    if kind == "de":
        return f"+49 30 {rng.randint(10000000, 99999999)}"
    return f"+33 1 {rng.randint(10, 99)} {rng.randint(10, 99)} {rng.randint(10, 99)} {rng.randint(10, 99)}"


def email(first, last):
    dom = rng.choice(["gmail.com", "yahoo.fr", "web.de", "outlook.com", "company.co.uk"])
    f = first.lower().encode("ascii", "ignore").decode()
    l = last.lower().encode("ascii", "ignore").decode()
    return rng.choice([f"{f}.{l}@{dom}", f"{f[0]}{l}{rng.randint(1, 99)}@{dom}", f"{l}_{f}@{dom}"])


def date(lo_year, hi_year, fmt):
    y, m, d = rng.randint(lo_year, hi_year), rng.randint(1, 12), rng.randint(1, 28)
    return {"iso": f"{y:04d}-{m:02d}-{d:02d}", "us": f"{m:02d}/{d:02d}/{y:04d}", "de": f"{d:02d}.{m:02d}.{y:04d}"}[fmt]


def nino():
    first = rng.choice("ABCEGHJKLMNOPRSTWXYZ")
    second = rng.choice("ABCEGHJKLMNPRSTWXYZ")
    while first + second in ("BG", "GB", "KN", "NK", "NT", "TN", "ZZ"):
        second = rng.choice("ABCEGHJKLMNPRSTWXYZ")
    digits = f"{rng.randint(0, 999999):06d}"
    value = f"{first}{second}{digits}{rng.choice('ABCD')}"
    return value if rng.random() < 0.5 else f"{value[:2]} {value[2:4]} {value[4:6]} {value[6:8]} {value[8]}"


def nif():
    n = rng.randint(0, 99999999)
    return f"{n:08d}" + "TRWAGMYFPDXBNJZSQVHLCKE"[n % 23]


def mac():
    sep = rng.choice([":", "-"])
    return sep.join(f"{rng.randint(0, 255):02x}" for _ in range(6))


def ipv6():
    return ":".join(f"{rng.randint(0, 65535):x}" for _ in range(8))


def person(locale):
    return rng.choice(FIRST[locale]), rng.choice(LAST[locale])


def street(locale):
    if locale == "de":
        return f"{rng.choice(STREETS_DE)} {rng.randint(1, 120)}"
    if locale == "fr":
        return f"{rng.randint(1, 99)} rue de la {rng.choice(['Paix', 'Gare', 'République', 'Liberté'])}"
    return f"{rng.randint(1, 9999)} {rng.choice(STREETS_EN)}"


def uk_postcode():
    return f"{rng.choice(['SW', 'EC', 'N', 'M', 'B', 'LS'])}{rng.randint(1, 19)} {rng.randint(0, 9)}{rng.choice('ABDEFGHJLNPQRSTUWXYZ')}{rng.choice('ABDEFGHJLNPQRSTUWXYZ')}"


def notes(first, last):
    templates = [
        "Customer called about the delivery, asked to be contacted at {email} next week.",
        "Left a voicemail; the package was delivered to the front desk without any issue.",
        "Refund approved by the support team after checking the order history twice.",
        "{first} {last} requested an invoice copy, will follow up by phone tomorrow morning.",
        "Card ending in the usual digits was declined, customer will retry with another one.",
    ]
    return rng.choice(templates).format(email=email(first, last), first=first, last=last)


TABLES = {
    "customers_us.csv": [
        ("customer_id", "", lambda i, p: f"C{100000 + i}"),
        ("first_name", "FIRST_NAME", lambda i, p: p[0]),
        ("last_name", "LAST_NAME", lambda i, p: p[1]),
        ("email", "EMAIL", lambda i, p: email(*p)),
        ("phone", "PHONE", lambda i, p: phone("us")),
        ("ssn", "US_SSN", lambda i, p: ssn()),
        ("date_of_birth", "DATE_OF_BIRTH", lambda i, p: date(1940, 2005, "iso")),
        ("signup_date", "", lambda i, p: date(2015, 2024, "iso")),
        ("street_address", "STREET_ADDRESS", lambda i, p: street("en")),
        ("city", "", lambda i, p: rng.choice(CITIES)),
        ("zip", "POSTAL_CODE", lambda i, p: f"{rng.randint(1000, 99999):05d}"),
        ("store_id", "", lambda i, p: f"{rng.randint(10000, 99999)}"),
        ("notes", "", lambda i, p: notes(*p)),
    ],
    "orders.csv": [
        ("order_number", "", lambda i, p: f"{rng.randint(1000000000, 9999999999)}"),
        ("sku", "", lambda i, p: f"SKU-{rng.randint(10000, 99999)}-{rng.choice('ABCXYZ')}"),
        ("product_name", "", lambda i, p: rng.choice(PRODUCTS)),
        ("order_date", "", lambda i, p: date(2019, 2024, "us")),
        ("tracking_number", "", lambda i, p: f"1Z{rng.randint(10**15, 10**16 - 1)}"),
        ("parcel_id", "", lambda i, p: f"{rng.randint(10**15, 10**16 - 1)}"),
        ("price", "", lambda i, p: f"{rng.uniform(1, 500):.2f}"),
        ("card_number", "CREDIT_CARD", lambda i, p: card()),
        ("buyer", "PERSON_NAME", lambda i, p: f"{p[0]} {p[1]}"),
        ("ship_to_city", "", lambda i, p: rng.choice(CITIES)),
        ("firmware_version", "", lambda i, p: f"{rng.randint(1, 4)}.{rng.randint(0, 9)}.{rng.randint(0, 20)}"),
        ("status", "", lambda i, p: rng.choice(["shipped", "pending", "returned"])),
        ("field_7", "EMAIL", lambda i, p: email(*p)),
    ],
    "employees_eu.csv": [
        ("Vorname", "FIRST_NAME", lambda i, p: p[0]),
        ("Nachname", "LAST_NAME", lambda i, p: p[1]),
        ("Geburtsdatum", "DATE_OF_BIRTH", lambda i, p: date(1955, 2003, "de")),
        ("Eintrittsdatum", "", lambda i, p: date(2000, 2024, "de")),
        ("Telefon", "PHONE", lambda i, p: phone(rng.choice(["de", "fr", "uk"]))),
        ("IBAN", "IBAN", lambda i, p: iban(*rng.choice([("DE", 18), ("FR", 23)]), rng.random() < 0.5)),
        ("Adresse", "STREET_ADDRESS", lambda i, p: street(rng.choice(["de", "fr"]))),
        ("PLZ", "POSTAL_CODE", lambda i, p: f"{rng.randint(1000, 99999):05d}"),
        ("Abteilung", "", lambda i, p: rng.choice(["Vertrieb", "Einkauf", "IT", "Personal"])),
        ("Gehalt", "", lambda i, p: f"{rng.randint(30000, 90000)}"),
        ("nif", "ES_NIF", lambda i, p: nif()),
        ("ni_number", "UK_NINO", lambda i, p: nino()),
        ("postcode", "POSTAL_CODE", lambda i, p: uk_postcode()),
        ("full_name", "PERSON_NAME", lambda i, p: f"{p[0]} {p[1]}"),
    ],
    "web_logs.csv": [
        ("request_id", "", lambda i, p: f"{rng.getrandbits(64):016x}"),
        ("client_ip", "IP_ADDRESS", lambda i, p: ".".join(str(rng.randint(1, 254)) for _ in range(4))),
        ("ipv6", "IP_ADDRESS", lambda i, p: ipv6()),
        ("device_mac", "MAC_ADDRESS", lambda i, p: mac()),
        ("referrer", "URL", lambda i, p: f"https://www.{rng.choice(WORDS)}{rng.choice(WORDS)}.com/{rng.choice(WORDS)}?id={rng.randint(1, 999)}"),
        ("user_agent", "", lambda i, p: rng.choice(["Mozilla/5.0 (X11; Linux x86_64)", "curl/7.88.1", "Wget/1.21"])),
        ("latency_ms", "", lambda i, p: f"{rng.uniform(1, 900):.1f}"),
        ("latitude", "LATITUDE_LONGITUDE", lambda i, p: f"{rng.uniform(-60, 70):.5f}"),
        ("longitude", "LATITUDE_LONGITUDE", lambda i, p: f"{rng.uniform(-170, 170):.5f}"),
        ("location", "LATITUDE_LONGITUDE", lambda i, p: f"{rng.uniform(-60, 70):.4f}, {rng.uniform(-170, 170):.4f}"),
        ("score", "", lambda i, p: f"{rng.uniform(0, 1):.4f}"),
        ("phone_model", "", lambda i, p: rng.choice(["Pixel 7", "iPhone 14", "Galaxy S23", "Moto G"])),
        ("event_time", "", lambda i, p: date(2023, 2024, "iso")),
        ("birth_city", "", lambda i, p: rng.choice(CITIES)),
        ("col_a", "US_SSN", lambda i, p: ssn()),
        ("website", "URL", lambda i, p: f"www.{rng.choice(WORDS)}-{rng.choice(WORDS)}.org"),
    ],
}


def main():
    os.makedirs(OUT, exist_ok=True)
    labels = []
    for name, columns in TABLES.items():
        locale = "de" if "eu" in name else "en"
        rows = []
        for i in range(ROWS):
            p = person(locale if rng.random() < 0.8 else rng.choice(list(FIRST)))
            rows.append([gen(i, p) for _, _, gen in columns])
        with open(os.path.join(OUT, name), "w", newline="", encoding="utf-8") as f:
            w = csv.writer(f, lineterminator="\n")
            w.writerow([c for c, _, _ in columns])
            w.writerows(rows)
        labels += [[name, c, label] for c, label, _ in columns]
    with open(os.path.join(OUT, "labels.csv"), "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["file", "column", "entity"])
        w.writerows(labels)


if __name__ == "__main__":
    main()
