"""The learner's fake world, free of Flask: scenarios, state and the rules that change it."""
