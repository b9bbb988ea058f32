"""The quotes stage's rules in their declared order, step by step (see `rules`)."""
from .descriptions import apposition, description, headline_label, role_holder
from .pronouns import nobody_in_particular, personal_pronoun, plural_pronoun, relative, self_reference, thing_pronoun
from .resolution import acronym, entourage, full_name, several_people, surname

# resolve: who a speaker mention stands for; pronouns first, then names, then descriptions
RESOLVE = (headline_label, self_reference, relative, personal_pronoun, plural_pronoun, thing_pronoun,
           nobody_in_particular, acronym, several_people, entourage, surname, full_name,
           apposition, role_holder, description)
