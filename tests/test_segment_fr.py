"""French press, literary and technical prose: the traps a French segmenter meets.

Each case is written by the team (not copied from a corpus) and names the trap.
"""

import pytest

from align.segment import segment_text

NB, NN = "\u00a0", "\u202f"

CASES = [
    ("titres M. Mme Dr Pr Me",
     "M. Dupont, Mme Martin, le Dr Leroy, le Pr Petit et Me Durand sont arrivés. Ils repartent.",
     ["M. Dupont, Mme Martin, le Dr Leroy, le Pr Petit et Me Durand sont arrivés.", "Ils repartent."]),
    ("MM. pluriel", "MM. Martin et Durand ont signé. La séance est levée.",
     ["MM. Martin et Durand ont signé.", "La séance est levée."]),
    ("Mlle et Mgr", "Mlle Roux a salué Mgr Lustiger. Puis elle est partie.",
     ["Mlle Roux a salué Mgr Lustiger.", "Puis elle est partie."]),
    ("St Ste", "Ils habitent rue St. Jacques, près de l’église Ste. Anne. C’est calme.",
     ["Ils habitent rue St. Jacques, près de l’église Ste. Anne.", "C’est calme."]),
    ("etc. en fin de phrase", "Il a apporté des pommes, des poires, etc. Nous avons tout mangé.",
     ["Il a apporté des pommes, des poires, etc.", "Nous avons tout mangé."]),
    ("etc. en milieu de phrase", "Les banques, les administrations, etc. veulent des garanties.",
     ["Les banques, les administrations, etc. veulent des garanties."]),
    ("cf. p. pp.", "Voir l’introduction (cf. p. 12 et pp. 40-45). La suite est claire.",
     ["Voir l’introduction (cf. p. 12 et pp. 40-45).", "La suite est claire."]),
    ("chap. vol.", "Le chap. 3 du vol. 2 traite de la syntaxe. Il est court.",
     ["Le chap. 3 du vol. 2 traite de la syntaxe.", "Il est court."]),
    ("n° et no", "Le décret n° 2024-123 et l’arrêté no. 5 sont parus. Ils entrent en vigueur.",
     ["Le décret n° 2024-123 et l’arrêté no. 5 sont parus.", "Ils entrent en vigueur."]),
    ("av. J.-C.", "Rome fut fondée en 753 av. J.-C. selon la légende. César vint plus tard.",
     ["Rome fut fondée en 753 av. J.-C. selon la légende.", "César vint plus tard."]),
    ("av. J.-C. en fin de phrase", "César mourut en 44 av. J.-C. Auguste lui succéda.",
     ["César mourut en 44 av. J.-C.", "Auguste lui succéda."]),
    ("c.-à-d.", "Le noyau, c.-à-d. la partie centrale, est petit. Le reste est vide.",
     ["Le noyau, c.-à-d. la partie centrale, est petit.", "Le reste est vide."]),
    ("p. ex.", "Certains fruits, p. ex. les agrumes, sont acides. D’autres non.",
     ["Certains fruits, p. ex. les agrumes, sont acides.", "D’autres non."]),
    ("espace fine avant ? !", f"Vous venez{NN}? Bien sûr{NN}! Alors allons-y.",
     [f"Vous venez{NN}?", f"Bien sûr{NN}!", "Alors allons-y."]),
    ("espace ordinaire avant ?", "Partez-vous pour l’Amérique ? Oui, demain.",
     ["Partez-vous pour l’Amérique ?", "Oui, demain."]),
    ("deux-points ne coupe pas", f"Il l’a dit{NB}: «{NB}Je viendrai.{NB}» Puis il est parti.",
     [f"Il l’a dit{NB}: «{NB}Je viendrai.{NB}»", "Puis il est parti."]),
    ("point-virgule ne coupe pas", f"Il pleut{NN}; nous restons. Demain, on verra.",
     [f"Il pleut{NN}; nous restons.", "Demain, on verra."]),
    ("incise après guillemets", "« Je ne sais pas », répondit-elle. Il se tut.",
     ["« Je ne sais pas », répondit-elle.", "Il se tut."]),
    ("question dans guillemets puis incise", "« Qui est là ? » demanda-t-il. Personne ne répondit.",
     ["« Qui est là ? » demanda-t-il.", "Personne ne répondit."]),
    ("guillemets anglais", "Il a écrit “C’est fini.” Puis il a signé.",
     ["Il a écrit “C’est fini.”", "Puis il a signé."]),
    ("points de suspension puis minuscule", "Je pensais… enfin, je croyais. Tant pis.",
     ["Je pensais… enfin, je croyais.", "Tant pis."]),
    ("points de suspension en fin de phrase", "Il attendit… Rien ne vint.",
     ["Il attendit…", "Rien ne vint."]),
    ("tiret de dialogue", "— Vous partez ? — Oui, ce soir.", ["— Vous partez ?", "— Oui, ce soir."]),
    ("tiret cadratin d’incise", "Le modèle—ouvert et gratuit—a surpris. Les géants ont réagi.",
     ["Le modèle—ouvert et gratuit—a surpris.", "Les géants ont réagi."]),
    ("nombres décimaux", "Le taux est passé de 3,5 % à 4.25 % en 2023. C’est beaucoup.",
     ["Le taux est passé de 3,5 % à 4.25 % en 2023.", "C’est beaucoup."]),
    ("milliers avec espace fine", f"La salle compte 1{NN}200 places. Elle est pleine.",
     [f"La salle compte 1{NN}200 places.", "Elle est pleine."]),
    ("phrase finissant par une année", "Veltrane a vu le jour à Lyon en 2019. Ses fondateurs sont ingénieurs.",
     ["Veltrane a vu le jour à Lyon en 2019.", "Ses fondateurs sont ingénieurs."]),
    ("siècle", "Au XIXe s. la ville s’industrialise. Au XXe, elle décline.",
     ["Au XIXe s. la ville s’industrialise.", "Au XXe, elle décline."]),
    ("heure", "Rendez-vous à 14 h 30. Soyez à l’heure.", ["Rendez-vous à 14 h 30.", "Soyez à l’heure."]),
    ("date avec points", "La loi du 27.01.2025 s’applique. Elle est stricte.",
     ["La loi du 27.01.2025 s’applique.", "Elle est stricte."]),
    ("sigle à points en fin de phrase", "Il a travaillé à l’O.N.U. Ensuite, il a enseigné.",
     ["Il a travaillé à l’O.N.U.", "Ensuite, il a enseigné."]),
    ("sigle à points en milieu de phrase", "Le texte « LL.AA.II.RR. » désigne les Altesses.",
     ["Le texte « LL.AA.II.RR. » désigne les Altesses."]),
    ("URL en fin de phrase", "Le code est sur https://exemple.org/projet. Contribuez !",
     ["Le code est sur https://exemple.org/projet.", "Contribuez !"]),
    ("courriel", "Écrivez à contact@veltrane.fr. Nous répondrons.",
     ["Écrivez à contact@veltrane.fr.", "Nous répondrons."]),
    ("fichier technique", "Modifiez le fichier config.yaml puis lancez run.sh. Vérifiez les journaux.",
     ["Modifiez le fichier config.yaml puis lancez run.sh.", "Vérifiez les journaux."]),
    ("version logicielle", "La version 2.1.3 corrige le bogue. Mettez à jour.",
     ["La version 2.1.3 corrige le bogue.", "Mettez à jour."]),
    ("appel de note", "Huanfang【1】 vise une introduction en bourse. Les startups suivent.",
     ["Huanfang【1】 vise une introduction en bourse.", "Les startups suivent."]),
    ("parenthèse finale", "Le modèle est ouvert (licence MIT). Tout le monde peut le lire.",
     ["Le modèle est ouvert (licence MIT).", "Tout le monde peut le lire."]),
    ("Inc. suivi de minuscule", f"Q{NB}: Veltrane Inc. a été immatriculée à Lyon.",
     [f"Q{NB}: Veltrane Inc. a été immatriculée à Lyon."]),
    ("exclamation répétée", f"Quelle surprise{NN}!! Nous n’y croyions pas.",
     [f"Quelle surprise{NN}!!", "Nous n’y croyions pas."]),
    ("question-exclamation", f"Vraiment{NN}?! Incroyable.", [f"Vraiment{NN}?!", "Incroyable."]),
    ("apostrophe courbe", "L’équipe n’a pas d’argent. Aujourd’hui, elle en a.",
     ["L’équipe n’a pas d’argent.", "Aujourd’hui, elle en a."]),
    ("chinois entre parenthèses", "Luo Fuli (罗福莉) dirige le projet. Elle a 29 ans.",
     ["Luo Fuli (罗福莉) dirige le projet.", "Elle a 29 ans."]),
    ("ordinal 1er", "Le 1er janvier, tout change. Le 2e jour aussi.",
     ["Le 1er janvier, tout change.", "Le 2e jour aussi."]),
    ("fraction", "Il en reçoit 1/30e. C’est peu.", ["Il en reçoit 1/30e.", "C’est peu."]),
    ("etc. puis nom propre", "Ils ont des pommes, des poires, etc. Veltrane veut des noix.",
     ["Ils ont des pommes, des poires, etc.", "Veltrane veut des noix."]),
]

# Known limit of Punkt's orthographic heuristic (Kiss & Strunk 2006, sec. 4.1.1): after an
# abbreviation, a capitalised word never seen in lower case is taken as a name.
LIMITS = [
    ("abréviation puis nom propre en début de phrase", "Il cite Dupont et al. Paris est loin.",
     ["Il cite Dupont et al.", "Paris est loin."]),
]


@pytest.mark.parametrize("name,text,expected", CASES, ids=[c[0] for c in CASES])
def test_french_case(name, text, expected):
    assert [s.text for s in segment_text(text, "fr")] == expected


@pytest.mark.xfail(strict=True, reason="Punkt cannot tell a name from a sentence start after an abbreviation")
@pytest.mark.parametrize("name,text,expected", LIMITS, ids=[c[0] for c in LIMITS])
def test_known_limits(name, text, expected):
    assert [s.text for s in segment_text(text, "fr")] == expected
