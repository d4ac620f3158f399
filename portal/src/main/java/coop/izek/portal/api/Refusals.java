package coop.izek.portal.api;

import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** What a form's handler does with an API's answer: a refusal the person can act on is shown on the next page. */
public final class Refusals {

    private Refusals() {
    }

    /**
     * Runs {@code call}; a refusal ({@link ApiProblem#isRefusal()}) is kept for the page redirected to under
     * {@code name} and false returned; anything else fails the page.
     */
    public static boolean kept(RedirectAttributes redirect, String name, Runnable call) {
        try {
            call.run();
            return true;
        } catch (ApiProblem refused) {
            if (!refused.isRefusal()) {
                throw refused;
            }
            redirect.addFlashAttribute(name, refused);
            return false;
        }
    }
}
