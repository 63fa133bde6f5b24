"""The dish library behind the meal catalogue: realistic French/Alsatian/German hospital dishes.

Data only (plus ``menu(day, service)``): names in French, German and English, a French and a German
description, the EU allergens each dish contains, the diets and preferences it suits and its IDDSI
texture. ``meals`` turns it into ActivityDefinition resources.
"""

from __future__ import annotations

from dataclasses import dataclass

DIET_SHORT = {"N": "normal", "D": "diabetic", "S": "low-salt", "F": "low-fat", "R": "renal"}


@dataclass(frozen=True)
class Dish:
    """A dish of the library (see the module docstring for what each field becomes)."""

    slug: str
    fr: str
    de: str
    en: str
    description: str  # French
    description_de: str
    allergens: tuple[str, ...]
    diets: str  # letters of DIET_SHORT
    preferences: tuple[str, ...]
    texture: str
    icon: str


def _d(
    slug: str,
    names: tuple[str, str, str],
    descriptions: tuple[str, str],
    allergens: str,
    diets: str,
    preferences: str,
    texture: str,
    icon: str,
) -> Dish:
    return Dish(
        slug,
        *names,
        descriptions[0],
        descriptions[1],
        tuple(allergens.split()),
        diets,
        tuple(preferences.split()),
        texture,
        icon,
    )


BREAKFASTS = (
    _d(
        "petit-dejeuner-traditionnel",
        ("Petit-déjeuner traditionnel", "Klassisches Frühstück", "Traditional breakfast"),
        (
            "Baguette, beurre, confiture, yaourt nature, café ou thé.",
            "Baguette, Butter, Konfitüre, Naturjoghurt, Kaffee oder Tee.",
        ),
        "gluten milk",
        "NSF",
        "vegetarian",
        "7",
        "bread",
    ),
    _d(
        "fruhstuck-brotchen-kase",
        (
            "Petit pain, fromage et confiture",
            "Brötchen mit Käse und Marmelade",
            "Bread roll, cheese and jam",
        ),
        (
            "Petit pain, emmental, beurre, confiture, café ou thé.",
            "Brötchen, Emmentaler, Butter, Marmelade, Kaffee oder Tee.",
        ),
        "gluten milk",
        "N",
        "vegetarian",
        "7",
        "bread",
    ),
    _d(
        "petit-dejeuner-diabetique",
        ("Petit-déjeuner contrôlé en sucres", "Diabetiker-Frühstück", "Low-sugar breakfast"),
        (
            "Pain complet, beurre, fromage blanc nature, compote sans "
            "sucre ajouté, café ou thé sans sucre.",
            "Vollkornbrot, Butter, Quark natur, Kompott ohne "
            "Zuckerzusatz, Kaffee oder Tee ohne Zucker.",
        ),
        "gluten milk",
        "NDS",
        "vegetarian",
        "7",
        "bread",
    ),
    _d(
        "petit-dejeuner-sans-gluten",
        ("Petit-déjeuner sans gluten", "Glutenfreies Frühstück", "Gluten-free breakfast"),
        (
            "Pain sans gluten emballé, confiture et compote de pommes en portions, thé ou café.",
            "Abgepacktes glutenfreies Brot, Portionskonfitüre und Apfelmus, Tee oder Kaffee.",
        ),
        "",
        "NFR",
        "vegetarian gluten-free dairy-free halal kosher",
        "7",
        "fruit",
    ),
    _d(
        "bouillie-cereales-lisse",
        (
            "Bouillie de céréales lisse (mixé)",
            "Glatter Getreidebrei (püriert)",
            "Smooth cereal porridge (pureed)",
        ),
        (
            "Bouillie d'avoine au lait mixée lisse, compote de pommes lisse — texture IDDSI 4.",
            "Glatter Haferbrei mit Milch, glattes Apfelmus — Konsistenz IDDSI 4.",
        ),
        "gluten milk",
        "NDSF",
        "vegetarian",
        "4",
        "bowl",
    ),
)

LUNCHES = (
    # (meat, fish, vegetarian, halal, pureed) per day
    (
        _d(
            "blanquette-de-veau",
            ("Blanquette de veau, riz", "Kalbsfrikassee mit Reis", "Veal blanquette with rice"),
            (
                "Veau mijoté en sauce blanche à la crème et aux champignons, riz.",
                "Geschmortes Kalb in heller Sahnesauce mit Champignons, Reis.",
            ),
            "gluten milk celery",
            "N",
            "",
            "7",
            "meat",
        ),
        _d(
            "cabillaud-beurre-blanc",
            (
                "Dos de cabillaud, purée de pommes de terre",
                "Kabeljau mit Kartoffelpüree",
                "Cod with mashed potatoes",
            ),
            (
                "Cabillaud poché, sauce beurre blanc, purée de pommes de terre.",
                "Pochierter Kabeljau, Weißweinbuttersauce, Kartoffelpüree.",
            ),
            "fish milk sulphites",
            "NSF",
            "halal",
            "6",
            "fish",
        ),
        _d(
            "ratatouille-semoule",
            ("Ratatouille et semoule", "Ratatouille mit Couscous", "Ratatouille with couscous"),
            (
                "Légumes du soleil mijotés à l'huile d'olive, semoule de blé.",
                "Geschmortes Sommergemüse in Olivenöl, Weizengrieß.",
            ),
            "gluten",
            "NDSF",
            "vegetarian vegan halal",
            "7",
            "vegetarian",
        ),
        _d(
            "poulet-roti-halal",
            (
                "Poulet rôti halal, haricots verts",
                "Brathähnchen (halal) mit grünen Bohnen",
                "Roast chicken (halal), green beans",
            ),
            (
                "Cuisse de poulet halal rôtie, haricots verts, pommes vapeur.",
                "Gebratene Hähnchenkeule (halal), grüne Bohnen, Salzkartoffeln.",
            ),
            "",
            "NDSFR",
            "halal",
            "7",
            "chicken",
        ),
        _d(
            "puree-carottes-volaille-mixee",
            (
                "Volaille et purée de carottes mixées",
                "Geflügel und Karottenpüree (püriert)",
                "Pureed chicken and carrot",
            ),
            (
                "Volaille mixée lisse, purée de carottes, sauce liée — texture IDDSI 4.",
                "Glatt püriertes Geflügel, Karottenpüree, gebundene Sauce — Konsistenz IDDSI 4.",
            ),
            "milk",
            "NDSF",
            "halal",
            "4",
            "puree",
        ),
    ),
    (
        _d(
            "hachis-parmentier",
            ("Hachis parmentier", "Hackfleisch-Kartoffelauflauf", "Shepherd's pie"),
            (
                "Bœuf haché et purée de pommes de terre gratinée, salade verte.",
                "Rinderhack mit überbackenem Kartoffelpüree, grüner Salat.",
            ),
            "milk",
            "N",
            "",
            "5",
            "meat",
        ),
        _d(
            "saumon-aneth",
            (
                "Pavé de saumon à l'aneth, riz",
                "Lachs mit Dillsauce und Reis",
                "Salmon with dill sauce, rice",
            ),
            (
                "Saumon cuit au four, sauce crème à l'aneth, riz basmati.",
                "Ofenlachs, Dill-Sahnesauce, Basmatireis.",
            ),
            "fish milk",
            "ND",
            "halal",
            "7",
            "fish",
        ),
        _d(
            "kasespatzle",
            ("Spätzle au fromage", "Käsespätzle", "Cheese spätzle"),
            (
                "Spätzle gratinées à l'emmental, oignons frits, salade.",
                "Spätzle mit Emmentaler überbacken, Röstzwiebeln, Salat.",
            ),
            "gluten eggs milk",
            "N",
            "vegetarian",
            "7",
            "pasta",
        ),
        _d(
            "tajine-agneau-halal",
            (
                "Tajine d'agneau halal aux légumes",
                "Lammtajine (halal) mit Gemüse",
                "Lamb tagine (halal) with vegetables",
            ),
            (
                "Agneau halal mijoté aux carottes et courgettes, semoule.",
                "Geschmortes Lamm (halal) mit Karotten und Zucchini, Couscous.",
            ),
            "gluten celery",
            "NS",
            "halal",
            "7",
            "meat",
        ),
        _d(
            "puree-poisson-brocoli",
            (
                "Poisson et brocolis mixés",
                "Fisch und Brokkoli (püriert)",
                "Pureed fish and broccoli",
            ),
            (
                "Poisson blanc mixé lisse, purée de brocolis et pommes de terre — texture IDDSI 4.",
                "Glatt pürierter Weißfisch, Brokkoli-Kartoffelpüree — Konsistenz IDDSI 4.",
            ),
            "fish milk",
            "NDSF",
            "halal",
            "4",
            "puree",
        ),
    ),
    (
        _d(
            "choucroute-garnie",
            (
                "Choucroute garnie",
                "Elsässer Sauerkraut mit Fleisch",
                "Alsatian sauerkraut with meats",
            ),
            (
                "Chou fermenté au vin blanc, saucisse de Strasbourg, "
                "lard fumé, pommes vapeur, moutarde.",
                "Sauerkraut in Weißwein, Straßburger Würstchen, "
                "Räucherspeck, Salzkartoffeln, Senf.",
            ),
            "mustard sulphites",
            "N",
            "",
            "7",
            "meat",
        ),
        _d(
            "filet-colin-ble",
            (
                "Filet de colin, boulgour et courgettes",
                "Seelachsfilet mit Bulgur und Zucchini",
                "Pollock fillet, bulgur and courgette",
            ),
            (
                "Colin vapeur, boulgour, courgettes à l'huile d'olive.",
                "Gedämpfter Seelachs, Bulgur, Zucchini in Olivenöl.",
            ),
            "fish gluten",
            "NDSFR",
            "halal",
            "7",
            "fish",
        ),
        _d(
            "curry-lentilles-corail",
            (
                "Curry de lentilles corail, riz",
                "Rote-Linsen-Curry mit Reis",
                "Red lentil curry with rice",
            ),
            (
                "Lentilles corail au lait de coco et épices douces, graines de moutarde, riz.",
                "Rote Linsen mit Kokosmilch und milden Gewürzen, Senfsamen, Reis.",
            ),
            "mustard",
            "NDSF",
            "vegetarian vegan halal gluten-free",
            "7",
            "vegetarian",
        ),
        _d(
            "boulettes-boeuf-halal",
            (
                "Boulettes de bœuf halal, sauce tomate",
                "Rindfleischbällchen (halal) in Tomatensauce",
                "Beef meatballs (halal), tomato sauce",
            ),
            (
                "Boulettes de bœuf halal, sauce tomate, pâtes.",
                "Rindfleischbällchen (halal), Tomatensauce, Nudeln.",
            ),
            "gluten eggs",
            "N",
            "halal",
            "6",
            "meat",
        ),
        _d(
            "puree-boeuf-carottes",
            ("Bœuf carottes mixé", "Rind mit Karotten (püriert)", "Pureed beef and carrots"),
            (
                "Bœuf braisé mixé lisse, purée de carottes — texture IDDSI 4.",
                "Glatt püriertes Schmorrind, Karottenpüree — Konsistenz IDDSI 4.",
            ),
            "celery",
            "NDSF",
            "",
            "4",
            "puree",
        ),
    ),
    (
        _d(
            "roti-de-porc-lentilles",
            ("Rôti de porc aux lentilles", "Schweinebraten mit Linsen", "Roast pork with lentils"),
            (
                "Rôti de porc, lentilles vertes mijotées, carottes.",
                "Schweinebraten, geschmorte grüne Linsen, Karotten.",
            ),
            "celery",
            "NDF",
            "",
            "7",
            "meat",
        ),
        _d(
            "moules-frites",
            (
                "Moules marinières, pommes vapeur",
                "Miesmuscheln in Weißwein, Salzkartoffeln",
                "Mussels in white wine, steamed potatoes",
            ),
            (
                "Moules au vin blanc et à l'échalote, pommes vapeur.",
                "Miesmuscheln in Weißwein und Schalotten, Salzkartoffeln.",
            ),
            "molluscs sulphites celery",
            "N",
            "",
            "7",
            "fish",
        ),
        _d(
            "quiche-legumes",
            ("Quiche aux légumes, salade", "Gemüsequiche mit Salat", "Vegetable quiche, salad"),
            (
                "Quiche poireaux et champignons, salade verte vinaigrette.",
                "Quiche mit Lauch und Champignons, grüner Salat mit Vinaigrette.",
            ),
            "gluten eggs milk mustard",
            "N",
            "vegetarian",
            "7",
            "vegetarian",
        ),
        _d(
            "couscous-poulet-halal",
            (
                "Couscous au poulet halal",
                "Couscous mit Hähnchen (halal)",
                "Chicken couscous (halal)",
            ),
            (
                "Poulet halal, légumes du couscous, pois chiches, semoule.",
                "Hähnchen (halal), Couscousgemüse, Kichererbsen, Grieß.",
            ),
            "gluten celery",
            "NSF",
            "halal",
            "7",
            "chicken",
        ),
        _d(
            "puree-jambon-petits-pois",
            ("Dinde et petits pois mixés", "Pute und Erbsen (püriert)", "Pureed turkey and peas"),
            (
                "Dinde mixée lisse, purée de petits pois — texture IDDSI 4.",
                "Glatt pürierte Pute, Erbsenpüree — Konsistenz IDDSI 4.",
            ),
            "milk",
            "NDSF",
            "halal",
            "4",
            "puree",
        ),
    ),
    (
        _d(
            "sauerbraten",
            (
                "Bœuf mariné à l'allemande, chou rouge",
                "Sauerbraten mit Rotkohl",
                "Sauerbraten with red cabbage",
            ),
            (
                "Bœuf mariné braisé, chou rouge, knödel de pommes de terre.",
                "Geschmorter marinierter Rinderbraten, Rotkohl, Kartoffelklöße.",
            ),
            "gluten celery sulphites",
            "N",
            "",
            "7",
            "meat",
        ),
        _d(
            "truite-amandes",
            (
                "Truite aux amandes, pommes vapeur",
                "Forelle Müllerin mit Mandeln",
                "Trout with almonds",
            ),
            (
                "Truite meunière aux amandes effilées, pommes vapeur, épinards.",
                "Forelle Müllerin mit Mandelblättchen, Salzkartoffeln, Spinat.",
            ),
            "fish nuts milk gluten",
            "N",
            "halal",
            "7",
            "fish",
        ),
        _d(
            "galette-lupin-legumes",
            (
                "Galette de lupin et légumes rôtis",
                "Lupinen-Bratling mit Ofengemüse",
                "Lupin patty with roast vegetables",
            ),
            (
                "Galette végétale au lupin et au soja, légumes rôtis, sauce yaourt.",
                "Pflanzlicher Bratling aus Lupine und Soja, Ofengemüse, Joghurtsauce.",
            ),
            "lupin soybeans milk",
            "NDS",
            "vegetarian halal gluten-free",
            "7",
            "vegetarian",
        ),
        _d(
            "emince-dinde-halal",
            (
                "Émincé de dinde halal, purée",
                "Putengeschnetzeltes (halal) mit Püree",
                "Sliced turkey (halal) with mash",
            ),
            (
                "Émincé de dinde halal à la crème, purée de pommes de terre.",
                "Putengeschnetzeltes (halal) in Sahnesauce, Kartoffelpüree.",
            ),
            "milk",
            "NS",
            "halal",
            "6",
            "chicken",
        ),
        _d(
            "puree-saumon-epinards",
            ("Saumon et épinards mixés", "Lachs und Spinat (püriert)", "Pureed salmon and spinach"),
            (
                "Saumon mixé lisse, purée d'épinards à la crème — texture IDDSI 4.",
                "Glatt pürierter Lachs, Rahmspinatpüree — Konsistenz IDDSI 4.",
            ),
            "fish milk",
            "NDS",
            "halal",
            "4",
            "puree",
        ),
    ),
    (
        _d(
            "poulet-basquaise",
            (
                "Poulet basquaise, riz",
                "Baskisches Hähnchen mit Reis",
                "Basque-style chicken with rice",
            ),
            (
                "Poulet mijoté aux poivrons et tomates, riz.",
                "Geschmortes Hähnchen mit Paprika und Tomaten, Reis.",
            ),
            "",
            "NDSF",
            "gluten-free",
            "7",
            "chicken",
        ),
        _d(
            "crevettes-curry",
            (
                "Crevettes au curry doux, riz",
                "Garnelen in mildem Curry mit Reis",
                "Prawns in mild curry, rice",
            ),
            (
                "Crevettes sautées, sauce curry au lait de coco, riz.",
                "Gebratene Garnelen, Curry-Kokossauce, Reis.",
            ),
            "crustaceans",
            "NDF",
            "halal gluten-free",
            "7",
            "fish",
        ),
        _d(
            "lasagnes-legumes",
            ("Lasagnes aux légumes", "Gemüselasagne", "Vegetable lasagne"),
            (
                "Lasagnes aux épinards, ricotta et tomate.",
                "Lasagne mit Spinat, Ricotta und Tomate.",
            ),
            "gluten eggs milk celery",
            "N",
            "vegetarian",
            "6",
            "pasta",
        ),
        _d(
            "kefta-halal",
            (
                "Kefta d'agneau halal, légumes",
                "Lamm-Köfte (halal) mit Gemüse",
                "Lamb kofta (halal), vegetables",
            ),
            (
                "Kefta d'agneau halal aux épices, légumes rôtis, sauce au sésame.",
                "Lamm-Köfte (halal) mit Gewürzen, Ofengemüse, Sesamsauce.",
            ),
            "sesame",
            "NS",
            "halal gluten-free",
            "7",
            "meat",
        ),
        _d(
            "puree-veau-celeri",
            ("Veau et céleri mixés", "Kalb und Sellerie (püriert)", "Pureed veal and celeriac"),
            (
                "Veau mixé lisse, purée de céleri-rave — texture IDDSI 4.",
                "Glatt püriertes Kalb, Selleriepüree — Konsistenz IDDSI 4.",
            ),
            "celery milk",
            "NDS",
            "",
            "4",
            "puree",
        ),
    ),
    (
        _d(
            "coq-au-riesling",
            (
                "Coq au riesling, spätzle",
                "Hähnchen in Riesling mit Spätzle",
                "Chicken in Riesling with spätzle",
            ),
            (
                "Poulet mijoté au riesling et à la crème, spätzle.",
                "In Riesling und Sahne geschmortes Hähnchen, Spätzle.",
            ),
            "gluten eggs milk sulphites",
            "N",
            "",
            "7",
            "chicken",
        ),
        _d(
            "merlu-provencale",
            (
                "Merlu à la provençale, riz",
                "Seehecht provenzalisch mit Reis",
                "Hake Provençal with rice",
            ),
            (
                "Merlu au four, tomates, olives et herbes, riz.",
                "Ofen-Seehecht mit Tomaten, Oliven und Kräutern, Reis.",
            ),
            "fish",
            "NDSFR",
            "halal gluten-free",
            "7",
            "fish",
        ),
        _d(
            "chili-sin-carne",
            ("Chili sin carne, riz", "Chili sin Carne mit Reis", "Chili sin carne with rice"),
            (
                "Haricots rouges, maïs et protéines de soja à la tomate, riz.",
                "Kidneybohnen, Mais und Sojaprotein in Tomatensauce, Reis.",
            ),
            "soybeans celery",
            "NDSF",
            "vegetarian vegan halal gluten-free",
            "7",
            "vegetarian",
        ),
        _d(
            "poulet-citron-halal",
            (
                "Poulet halal au citron, semoule",
                "Zitronenhähnchen (halal) mit Couscous",
                "Lemon chicken (halal), couscous",
            ),
            (
                "Poulet halal au citron et aux olives, semoule.",
                "Hähnchen (halal) mit Zitrone und Oliven, Couscous.",
            ),
            "gluten",
            "NDSF",
            "halal",
            "7",
            "chicken",
        ),
        _d(
            "puree-poulet-courgette",
            (
                "Poulet et courgettes mixés",
                "Hähnchen und Zucchini (püriert)",
                "Pureed chicken and courgette",
            ),
            (
                "Poulet mixé lisse, purée de courgettes — texture IDDSI 4.",
                "Glatt püriertes Hähnchen, Zucchinipüree — Konsistenz IDDSI 4.",
            ),
            "milk",
            "NDSFR",
            "halal",
            "4",
            "puree",
        ),
    ),
)

DINNERS = (
    # (soup + main, vegetarian, light/soft, kosher tray, pureed) per day
    (
        _d(
            "veloute-potiron-jambon",
            (
                "Velouté de potiron, jambon et pâtes",
                "Kürbiscremesuppe, Schinken und Nudeln",
                "Pumpkin soup, ham and pasta",
            ),
            (
                "Velouté de potiron à la crème, jambon blanc, coquillettes.",
                "Kürbiscremesuppe, Kochschinken, Hörnchennudeln.",
            ),
            "milk gluten celery",
            "N",
            "",
            "7",
            "soup",
        ),
        _d(
            "omelette-fines-herbes",
            (
                "Omelette aux fines herbes, salade",
                "Kräuteromelett mit Salat",
                "Herb omelette, salad",
            ),
            ("Omelette aux herbes, salade de pommes de terre.", "Kräuteromelett, Kartoffelsalat."),
            "eggs mustard",
            "ND",
            "vegetarian gluten-free",
            "7",
            "egg",
        ),
        _d(
            "poisson-vapeur-legumes",
            (
                "Poisson vapeur et légumes fondants",
                "Gedämpfter Fisch mit weichem Gemüse",
                "Steamed fish with soft vegetables",
            ),
            (
                "Filet de poisson blanc vapeur, carottes et courgettes fondantes.",
                "Gedämpftes Weißfischfilet, weich gegarte Karotten und Zucchini.",
            ),
            "fish",
            "NDSFR",
            "halal gluten-free",
            "6",
            "fish",
        ),
        _d(
            "plateau-casher-poulet",
            (
                "Plateau casher : poulet et riz",
                "Koscheres Tablett: Hähnchen und Reis",
                "Kosher tray: chicken and rice",
            ),
            (
                "Plateau scellé certifié casher : poulet rôti, riz, légumes.",
                "Versiegeltes koscheres Tablett: Brathähnchen, Reis, Gemüse.",
            ),
            "",
            "NDSF",
            "kosher gluten-free",
            "7",
            "tray",
        ),
        _d(
            "potage-mouline-lisse",
            (
                "Potage de légumes lisse et purée",
                "Glatte Gemüsesuppe und Püree",
                "Smooth vegetable soup and mash",
            ),
            (
                "Potage de légumes mixé lisse épaissi, purée de pommes de terre — texture IDDSI 4.",
                "Glatt pürierte, angedickte Gemüsesuppe, Kartoffelpüree — Konsistenz IDDSI 4.",
            ),
            "milk celery",
            "NDSF",
            "vegetarian",
            "4",
            "puree",
        ),
    ),
    (
        _d(
            "kartoffelsuppe-wurstchen",
            (
                "Soupe de pommes de terre et saucisses",
                "Kartoffelsuppe mit Würstchen",
                "Potato soup with sausages",
            ),
            (
                "Soupe de pommes de terre au céleri et poireaux, saucisses de Francfort.",
                "Kartoffelsuppe mit Sellerie und Lauch, Frankfurter Würstchen.",
            ),
            "celery mustard",
            "N",
            "",
            "7",
            "soup",
        ),
        _d(
            "gratin-chou-fleur",
            ("Gratin de chou-fleur", "Blumenkohlauflauf", "Cauliflower cheese"),
            (
                "Chou-fleur gratiné à la béchamel et à l'emmental.",
                "Blumenkohl mit Béchamel und Emmentaler überbacken.",
            ),
            "milk gluten",
            "ND",
            "vegetarian",
            "6",
            "vegetarian",
        ),
        _d(
            "jambon-puree",
            ("Jambon blanc et purée", "Kochschinken mit Kartoffelpüree", "Ham and mashed potatoes"),
            (
                "Jambon blanc découenné, purée de pommes de terre, compote.",
                "Kochschinken, Kartoffelpüree, Apfelmus.",
            ),
            "milk",
            "ND",
            "gluten-free",
            "6",
            "meat",
        ),
        _d(
            "plateau-casher-poisson",
            (
                "Plateau casher : poisson et légumes",
                "Koscheres Tablett: Fisch und Gemüse",
                "Kosher tray: fish and vegetables",
            ),
            (
                "Plateau scellé certifié casher : filet de poisson, "
                "pommes de terre, haricots verts.",
                "Versiegeltes koscheres Tablett: Fischfilet, Kartoffeln, grüne Bohnen.",
            ),
            "fish",
            "NDSF",
            "kosher gluten-free",
            "7",
            "tray",
        ),
        _d(
            "puree-lentilles-lisse",
            (
                "Lentilles et carottes mixées",
                "Linsen und Karotten (püriert)",
                "Pureed lentils and carrots",
            ),
            (
                "Lentilles corail et carottes mixées lisses — texture IDDSI 4.",
                "Glatt pürierte rote Linsen und Karotten — Konsistenz IDDSI 4.",
            ),
            "",
            "NDSF",
            "vegetarian vegan halal gluten-free",
            "4",
            "puree",
        ),
    ),
    (
        _d(
            "soupe-poireaux-croque",
            (
                "Soupe poireaux-pommes de terre, croque-monsieur",
                "Lauchsuppe und Croque-Monsieur",
                "Leek soup and croque-monsieur",
            ),
            (
                "Soupe poireaux-pommes de terre, croque-monsieur jambon-fromage.",
                "Lauch-Kartoffel-Suppe, Croque-Monsieur mit Schinken und Käse.",
            ),
            "gluten milk celery",
            "N",
            "",
            "7",
            "soup",
        ),
        _d(
            "tarte-flambee-vegetarienne",
            ("Tarte flambée aux légumes", "Gemüse-Flammkuchen", "Vegetable tarte flambée"),
            (
                "Pâte fine, crème fraîche, oignons et champignons.",
                "Dünner Teig, Crème fraîche, Zwiebeln und Champignons.",
            ),
            "gluten milk",
            "N",
            "vegetarian",
            "7",
            "vegetarian",
        ),
        _d(
            "flan-poisson-doux",
            ("Flan de poisson, riz", "Fischflan mit Reis", "Fish flan with rice"),
            (
                "Flan de poisson moelleux, sauce tomate douce, riz.",
                "Weicher Fischflan, milde Tomatensauce, Reis.",
            ),
            "fish eggs milk",
            "NDSF",
            "halal gluten-free",
            "5",
            "fish",
        ),
        _d(
            "plateau-casher-boeuf",
            (
                "Plateau casher : bœuf et légumes",
                "Koscheres Tablett: Rind und Gemüse",
                "Kosher tray: beef and vegetables",
            ),
            (
                "Plateau scellé certifié casher : bœuf braisé, pommes de terre, carottes.",
                "Versiegeltes koscheres Tablett: Schmorrind, Kartoffeln, Karotten.",
            ),
            "celery",
            "NS",
            "kosher gluten-free",
            "7",
            "tray",
        ),
        _d(
            "puree-poulet-patate-douce",
            (
                "Poulet et patate douce mixés",
                "Hähnchen und Süßkartoffel (püriert)",
                "Pureed chicken and sweet potato",
            ),
            (
                "Poulet mixé lisse, purée de patate douce — texture IDDSI 4.",
                "Glatt püriertes Hähnchen, Süßkartoffelpüree — Konsistenz IDDSI 4.",
            ),
            "milk",
            "NSF",
            "halal",
            "4",
            "puree",
        ),
    ),
    (
        _d(
            "bouillon-quenelles-brochet",
            (
                "Bouillon et quenelles de brochet",
                "Brühe und Hechtklößchen",
                "Broth and pike quenelles",
            ),
            (
                "Bouillon de légumes, quenelles de brochet sauce Nantua, riz.",
                "Gemüsebrühe, Hechtklößchen mit Krebssauce, Reis.",
            ),
            "fish gluten eggs milk crustaceans celery",
            "N",
            "",
            "6",
            "soup",
        ),
        _d(
            "salade-pates-tofu-cacahuete",
            (
                "Salade de nouilles au tofu, sauce cacahuète",
                "Nudelsalat mit Tofu und Erdnusssauce",
                "Noodle salad with tofu and peanut sauce",
            ),
            (
                "Nouilles de blé, tofu mariné au sésame et soja, sauce cacahuète, "
                "légumes croquants.",
                "Weizennudeln, mit Sesam und Soja marinierter Tofu, Erdnusssauce, "
                "knackiges Gemüse.",
            ),
            "gluten soybeans sesame peanuts",
            "NF",
            "vegetarian vegan halal",
            "7",
            "vegetarian",
        ),
        _d(
            "dinde-haricots-verts",
            (
                "Escalope de dinde, haricots verts",
                "Putenschnitzel natur mit grünen Bohnen",
                "Turkey escalope, green beans",
            ),
            (
                "Escalope de dinde grillée, haricots verts, riz.",
                "Gegrilltes Putenschnitzel, grüne Bohnen, Reis.",
            ),
            "",
            "NDSFR",
            "gluten-free",
            "7",
            "chicken",
        ),
        _d(
            "plateau-casher-vegetarien",
            (
                "Plateau casher végétarien",
                "Koscheres vegetarisches Tablett",
                "Kosher vegetarian tray",
            ),
            (
                "Plateau scellé certifié casher : taboulé, falafels, houmous.",
                "Versiegeltes koscheres Tablett: Taboulé, Falafel, Hummus.",
            ),
            "gluten sesame",
            "NS",
            "kosher vegetarian vegan halal",
            "7",
            "tray",
        ),
        _d(
            "puree-poisson-fenouil",
            ("Poisson et fenouil mixés", "Fisch und Fenchel (püriert)", "Pureed fish and fennel"),
            (
                "Poisson blanc mixé lisse, purée de fenouil — texture IDDSI 4.",
                "Glatt pürierter Weißfisch, Fenchelpüree — Konsistenz IDDSI 4.",
            ),
            "fish milk",
            "NDSF",
            "halal",
            "4",
            "puree",
        ),
    ),
    (
        _d(
            "soupe-orge-perle",
            (
                "Soupe à l'orge perlé, saucisse",
                "Graupensuppe mit Wurst",
                "Pearl barley soup with sausage",
            ),
            (
                "Soupe d'orge perlé aux légumes, saucisse fumée.",
                "Graupensuppe mit Gemüse, Räucherwurst.",
            ),
            "gluten celery",
            "N",
            "",
            "7",
            "soup",
        ),
        _d(
            "knodel-champignons",
            (
                "Knödel à la crème de champignons",
                "Semmelknödel mit Pilzrahm",
                "Bread dumplings with mushroom cream",
            ),
            ("Knödel de pain, sauce crème aux champignons.", "Semmelknödel, Champignonrahmsauce."),
            "gluten eggs milk",
            "N",
            "vegetarian",
            "6",
            "vegetarian",
        ),
        _d(
            "hachis-poisson-moelleux",
            ("Brandade de poisson moelleuse", "Fisch-Kartoffel-Brandade", "Soft fish brandade"),
            (
                "Brandade de morue et pommes de terre, haché fin et humide — texture IDDSI 5.",
                "Stockfisch-Kartoffel-Brandade, fein und feucht — Konsistenz IDDSI 5.",
            ),
            "fish milk",
            "NSF",
            "halal gluten-free",
            "5",
            "fish",
        ),
        _d(
            "plateau-casher-poulet-legumes",
            (
                "Plateau casher : poulet et légumes",
                "Koscheres Tablett: Hähnchen und Gemüse",
                "Kosher tray: chicken and vegetables",
            ),
            (
                "Plateau scellé certifié casher : poulet, purée de légumes, compote.",
                "Versiegeltes koscheres Tablett: Hähnchen, Gemüsepüree, Kompott.",
            ),
            "",
            "NDSFR",
            "kosher gluten-free",
            "6",
            "tray",
        ),
        _d(
            "puree-boeuf-haricots",
            (
                "Bœuf et haricots verts mixés",
                "Rind und grüne Bohnen (püriert)",
                "Pureed beef and green beans",
            ),
            (
                "Bœuf mixé lisse, purée de haricots verts — texture IDDSI 4.",
                "Glatt püriertes Rind, Bohnenpüree — Konsistenz IDDSI 4.",
            ),
            "",
            "NDSFR",
            "gluten-free",
            "4",
            "puree",
        ),
    ),
    (
        _d(
            "veloute-champignons-pizza",
            (
                "Velouté de champignons, part de pizza",
                "Pilzcremesuppe und Pizzastück",
                "Mushroom soup and pizza slice",
            ),
            (
                "Velouté de champignons, pizza jambon-fromage.",
                "Pilzcremesuppe, Pizza mit Schinken und Käse.",
            ),
            "gluten milk celery",
            "N",
            "",
            "7",
            "soup",
        ),
        _d(
            "crepes-salees-epinards",
            (
                "Crêpes aux épinards et chèvre",
                "Crêpes mit Spinat und Ziegenkäse",
                "Spinach and goat cheese crêpes",
            ),
            (
                "Crêpes de froment garnies d'épinards et de fromage de chèvre.",
                "Weizen-Crêpes mit Spinat und Ziegenkäse.",
            ),
            "gluten eggs milk",
            "N",
            "vegetarian",
            "7",
            "vegetarian",
        ),
        _d(
            "oeufs-brouilles-puree",
            (
                "Œufs brouillés, purée de légumes",
                "Rührei mit Gemüsepüree",
                "Scrambled eggs, vegetable mash",
            ),
            (
                "Œufs brouillés moelleux, purée de légumes verts.",
                "Weiches Rührei, Püree aus grünem Gemüse.",
            ),
            "eggs milk",
            "NDS",
            "vegetarian gluten-free",
            "5",
            "egg",
        ),
        _d(
            "plateau-casher-saumon",
            (
                "Plateau casher : saumon et riz",
                "Koscheres Tablett: Lachs und Reis",
                "Kosher tray: salmon and rice",
            ),
            (
                "Plateau scellé certifié casher : saumon, riz, courgettes.",
                "Versiegeltes koscheres Tablett: Lachs, Reis, Zucchini.",
            ),
            "fish",
            "NDSF",
            "kosher gluten-free",
            "7",
            "tray",
        ),
        _d(
            "puree-courge-ricotta",
            (
                "Courge et ricotta mixées",
                "Kürbis und Ricotta (püriert)",
                "Pureed squash and ricotta",
            ),
            (
                "Courge butternut et ricotta mixées lisses — texture IDDSI 4.",
                "Glatt pürierter Butternusskürbis mit Ricotta — Konsistenz IDDSI 4.",
            ),
            "milk",
            "NDS",
            "vegetarian gluten-free",
            "4",
            "puree",
        ),
    ),
    (
        _d(
            "soupe-pois-casses",
            ("Soupe de pois cassés, lardons", "Erbsensuppe mit Speck", "Split pea soup with bacon"),
            ("Soupe de pois cassés, lardons, croûtons.", "Erbsensuppe mit Speck und Croûtons."),
            "gluten celery",
            "N",
            "",
            "7",
            "soup",
        ),
        _d(
            "risotto-legumes",
            ("Risotto aux légumes", "Gemüserisotto", "Vegetable risotto"),
            (
                "Risotto crémeux aux petits légumes et parmesan.",
                "Cremiges Risotto mit Gemüse und Parmesan.",
            ),
            "milk celery sulphites",
            "N",
            "vegetarian gluten-free",
            "6",
            "vegetarian",
        ),
        _d(
            "poulet-poche-riz",
            (
                "Poulet poché, riz et carottes",
                "Pochiertes Hähnchen mit Reis und Karotten",
                "Poached chicken, rice and carrots",
            ),
            (
                "Blanc de poulet poché, riz, carottes fondantes.",
                "Pochierte Hähnchenbrust, Reis, weiche Karotten.",
            ),
            "",
            "NDSFR",
            "gluten-free",
            "6",
            "chicken",
        ),
        _d(
            "plateau-casher-dinde",
            (
                "Plateau casher : dinde et purée",
                "Koscheres Tablett: Pute und Püree",
                "Kosher tray: turkey and mash",
            ),
            (
                "Plateau scellé certifié casher : dinde, purée de pommes de terre, haricots verts.",
                "Versiegeltes koscheres Tablett: Pute, Kartoffelpüree, grüne Bohnen.",
            ),
            "",
            "NDSF",
            "kosher gluten-free",
            "6",
            "tray",
        ),
        _d(
            "puree-jambon-carotte-lisse",
            (
                "Dinde et carottes mixées",
                "Pute und Karotten (püriert)",
                "Pureed turkey and carrots",
            ),
            (
                "Dinde mixée lisse, purée de carottes — texture IDDSI 4.",
                "Glatt pürierte Pute, Karottenpüree — Konsistenz IDDSI 4.",
            ),
            "milk",
            "NDSF",
            "halal",
            "4",
            "puree",
        ),
    ),
)


def menu(day_index: int, service: str) -> tuple[Dish, ...]:
    """The dishes of a service on catalogue day ``day_index`` (0 = the ward day)."""
    if service == "breakfast":
        first = BREAKFASTS[0] if day_index % 2 == 0 else BREAKFASTS[1]
        return (first, *BREAKFASTS[2:])
    table = LUNCHES if service == "lunch" else DINNERS
    return table[day_index % len(table)]
