package dev.genstore.benchmarks.workloads;

import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Random;
import java.util.Set;

/**
 * Prompts as people write them for image models: a subject in a setting, an art style and two modifiers, from a
 * vocabulary of real art styles, subjects and modifiers. {@link #prompt(long)} gives a distinct prompt for every index
 * below {@link #SIZE} (a mixed-radix number of a scrambled index), so a million prompts are a million different ones,
 * and the same index gives the same prompt in every run and on both sides of a workload.
 */
final class PromptCorpus {
    static final String[] SUBJECTS = {"a lighthouse", "an old sailor", "a red fox", "a samurai", "a cyberpunk city",
        "a bowl of ramen", "a zeppelin", "a dragon", "a cat astronaut", "a medieval castle", "a steam locomotive",
        "a koi pond", "a robot gardener", "a wizard's library", "a desert caravan", "a snowy cabin", "a jazz singer",
        "a mountain monastery", "a coral reef", "a vintage motorcycle", "a floating island", "a street market",
        "a knight in armor", "a tea ceremony", "a sunflower field", "a neon diner", "a ghost ship", "a clockwork owl",
        "a paper boat", "a hot air balloon", "a ballerina", "an ancient temple", "a polar bear", "a space station",
        "a fishing village", "a crystal cave", "a violin maker", "a rainy alley", "a treehouse", "a white tiger",
        "a lone astronaut", "a bamboo forest", "a carnival at night", "a greenhouse", "a viking longship",
        "a mechanical heart", "a lavender farm", "a subway platform", "a chess player", "a phoenix", "a bonsai tree",
        "an abandoned mall", "a mermaid", "a blacksmith", "a fox spirit", "a glass city", "a pirate queen",
        "a monk in meditation", "a retro computer", "a hummingbird", "a waterfall", "a typewriter", "an octopus chef",
        "a cozy bookstore", "a racing car", "a snow leopard", "a moonlit lake", "a wolf pack", "a train station",
        "a pagoda", "a garden gnome", "a storm chaser", "a deep sea diver", "a giant tortoise", "a marionette",
        "a windmill", "a butterfly swarm", "a lantern festival", "a frozen waterfall", "a sandcastle",
        "a mushroom village", "a chrome sculpture", "a baker at dawn", "a rooftop garden", "an arctic fox",
        "a stained glass window", "a canyon at sunset", "a pair of sneakers", "a perfume bottle", "a retro rocket",
        "a flower crown", "a haunted mansion", "a golden retriever", "a cathedral", "a skateboarder", "a night train",
        "a sleeping dragon", "a wooden puppet", "a salt flat", "a music box"};
    static final String[] SETTINGS = {"at dusk", "in a storm", "under the northern lights", "at golden hour",
        "in fresh snow", "in thick fog", "at midnight", "in spring rain", "on a misty morning", "under a full moon",
        "in a sandstorm", "during a festival", "in autumn leaves", "by candlelight", "in the deep forest",
        "on a rooftop", "in a flooded street", "in outer space", "under cherry blossoms", "at the edge of the world",
        "in a crowded market", "on a quiet beach", "inside a snow globe", "in a volcanic valley", "on a frozen lake",
        "in a sunlit meadow", "in an underground city", "on a mountain ridge", "in a mirror maze", "at the harbor",
        "in a wheat field", "in the rain at night", "beside a campfire", "in a glass dome", "on a cloud",
        "in the desert at noon", "in a bamboo grove", "under a stormy sky", "in a palace garden", "on the moon"};
    static final String[] STYLES = {"oil painting", "watercolor", "ukiyo-e woodblock print", "art nouveau", "art deco",
        "impressionism", "cubism", "surrealism", "pop art", "pixel art", "low poly", "isometric", "vaporwave",
        "synthwave", "steampunk", "studio ghibli style", "pencil sketch", "charcoal drawing", "ink wash painting",
        "gouache", "pastel drawing", "baroque", "renaissance fresco", "bauhaus poster", "constructivism",
        "expressionism", "minimalism", "photorealism", "cinematic still", "film noir", "polaroid photo",
        "35mm film photo", "tilt-shift photo", "double exposure", "claymation", "papercut", "stained glass",
        "mosaic", "graffiti", "comic book", "manga", "anime key visual", "concept art", "matte painting",
        "3d render", "unreal engine", "vector illustration", "linocut", "embroidery", "tarot card"};
    static final String[] MODIFIERS = {"highly detailed", "sharp focus", "soft lighting", "volumetric light",
        "dramatic lighting", "rim light", "bokeh", "8k", "4k", "ultra wide angle", "macro", "symmetrical",
        "vibrant colors", "muted palette", "monochrome", "sepia", "high contrast", "pastel colors", "golden ratio",
        "trending on artstation", "masterpiece", "intricate", "ethereal", "moody", "whimsical", "epic scale",
        "cozy atmosphere", "melancholic", "hyperrealistic", "dreamlike", "grainy", "long exposure", "backlit",
        "overcast", "chiaroscuro", "depth of field", "award winning", "octane render", "ray tracing", "subsurface",
        "glowing", "iridescent", "weathered", "minimal background", "centered composition", "rule of thirds",
        "aerial view", "close-up portrait", "wide shot", "low angle", "fisheye", "cinematic color grading",
        "studio lighting", "natural light", "neon glow", "hazy", "crisp", "painterly", "film grain", "vignette"};

    private static final long SPACE = (long) SUBJECTS.length * SETTINGS.length * STYLES.length * MODIFIERS.length
            * (MODIFIERS.length - 1);
    /** How many distinct prompts there are. */
    static final long SIZE = SPACE;
    /** Odd and prime to the space's factors: multiplying by it modulo the space is a bijection that scatters indexes. */
    private static final long SCRAMBLE = 2_654_435_761L;

    private PromptCorpus() {
    }

    /** The prompt of index {@code i} (0 ≤ i < {@link #SIZE}); distinct indexes give distinct prompts. */
    static String prompt(long i) {
        long r = Math.floorMod(i * SCRAMBLE, SPACE);
        String subject = SUBJECTS[(int) (r % SUBJECTS.length)];
        r /= SUBJECTS.length;
        String setting = SETTINGS[(int) (r % SETTINGS.length)];
        r /= SETTINGS.length;
        String style = STYLES[(int) (r % STYLES.length)];
        r /= STYLES.length;
        int first = (int) (r % MODIFIERS.length);
        r /= MODIFIERS.length;
        int second = (first + 1 + (int) (r % (MODIFIERS.length - 1))) % MODIFIERS.length;
        return subject + " " + setting + ", " + style + ", " + MODIFIERS[first] + ", " + MODIFIERS[second];
    }

    /**
     * A search query as a user types one: two or three words picked from the vocabulary (a subject's noun with a
     * style word, a setting word or a modifier word; sometimes all three).
     */
    static String query(Random random) {
        String subject = lastWord(SUBJECTS[random.nextInt(SUBJECTS.length)]);
        int kind = random.nextInt(10);
        if (kind < 4) {
            return subject + " " + anyWord(STYLES[random.nextInt(STYLES.length)], random);
        }
        if (kind < 7) {
            return subject + " " + lastWord(SETTINGS[random.nextInt(SETTINGS.length)]);
        }
        if (kind < 9) {
            return anyWord(STYLES[random.nextInt(STYLES.length)], random) + " "
                    + anyWord(MODIFIERS[random.nextInt(MODIFIERS.length)], random);
        }
        return subject + " " + anyWord(STYLES[random.nextInt(STYLES.length)], random) + " "
                + anyWord(MODIFIERS[random.nextInt(MODIFIERS.length)], random);
    }

    /**
     * The index terms of an ASCII prompt as genstore cuts them (PromptTerms: lower-cased words of letters and digits,
     * distinct, in order), for loading rows without going through the API.
     */
    static String terms(String normalized) {
        Set<String> terms = new LinkedHashSet<>();
        for (String word : normalized.toLowerCase(Locale.ROOT).split("[^a-z0-9]+")) {
            if (!word.isEmpty()) {
                terms.add(word);
            }
        }
        return String.join(" ", terms);
    }

    private static String lastWord(String phrase) {
        return phrase.substring(phrase.lastIndexOf(' ') + 1).replace("'s", "");
    }

    private static String anyWord(String phrase, Random random) {
        String[] words = phrase.split("[ -]");
        return words[random.nextInt(words.length)];
    }
}
