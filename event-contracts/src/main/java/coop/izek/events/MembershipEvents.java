package coop.izek.events;

/** Events membership-service publishes on {@link Topics#MEMBERSHIP}. Payloads never carry passwords, secrets or hashes. */
public final class MembershipEvents {

    public static final String SOURCE = "/izek/membership-service";

    public static final EventType<PersonRegistered> PERSON_REGISTERED = new EventType<>(
            "coop.izek.membership.person-registered.v1", Topics.MEMBERSHIP, PersonRegistered.class);

    public static final EventType<OrganisationRegistered> ORGANISATION_REGISTERED = new EventType<>(
            "coop.izek.membership.organisation-registered.v1", Topics.MEMBERSHIP, OrganisationRegistered.class);

    public static final EventType<ApplicationSubmitted> APPLICATION_SUBMITTED = new EventType<>(
            "coop.izek.membership.application-submitted.v1", Topics.MEMBERSHIP, ApplicationSubmitted.class);

    public static final EventType<ApplicationDecided> APPLICATION_DECIDED = new EventType<>(
            "coop.izek.membership.application-decided.v1", Topics.MEMBERSHIP, ApplicationDecided.class);

    public static final EventType<SharePaymentRecorded> SHARE_PAYMENT_RECORDED = new EventType<>(
            "coop.izek.membership.share-payment-recorded.v1", Topics.MEMBERSHIP, SharePaymentRecorded.class);

    public static final EventType<MemberActivated> MEMBER_ACTIVATED = new EventType<>(
            "coop.izek.membership.member-activated.v1", Topics.MEMBERSHIP, MemberActivated.class);

    public static final EventType<MemberStatusChanged> MEMBER_STATUS_CHANGED = new EventType<>(
            "coop.izek.membership.member-status-changed.v1", Topics.MEMBERSHIP, MemberStatusChanged.class);

    public static final EventType<PrinciplesPublished> PRINCIPLES_PUBLISHED = new EventType<>(
            "coop.izek.membership.principles-published.v1", Topics.MEMBERSHIP, PrinciplesPublished.class);

    public static final EventType<DependantAdded> DEPENDANT_ADDED = new EventType<>(
            "coop.izek.membership.dependant-added.v1", Topics.MEMBERSHIP, DependantAdded.class);

    public static final EventType<AssemblyConvened> ASSEMBLY_CONVENED = new EventType<>(
            "coop.izek.membership.assembly-convened.v1", Topics.MEMBERSHIP, AssemblyConvened.class);

    public static final EventType<PersonErased> PERSON_ERASED = new EventType<>(
            "coop.izek.membership.person-erased.v1", Topics.MEMBERSHIP, PersonErased.class);

    public static final EventType<EmailVerificationRequested> EMAIL_VERIFICATION_REQUESTED = new EventType<>(
            "coop.izek.membership.email-verification-requested.v1", Topics.MEMBERSHIP, EmailVerificationRequested.class);

    public static final EventType<RegistrationAttempted> REGISTRATION_ATTEMPTED = new EventType<>(
            "coop.izek.membership.registration-attempted.v1", Topics.MEMBERSHIP, RegistrationAttempted.class);

    public static final EventType<PasswordResetRequested> PASSWORD_RESET_REQUESTED = new EventType<>(
            "coop.izek.membership.password-reset-requested.v1", Topics.MEMBERSHIP, PasswordResetRequested.class);

    public static final EventType<PasswordChanged> PASSWORD_CHANGED = new EventType<>(
            "coop.izek.membership.password-changed.v1", Topics.MEMBERSHIP, PasswordChanged.class);

    public static final EventType<ApiClientRevoked> API_CLIENT_REVOKED = new EventType<>(
            "coop.izek.membership.api-client-revoked.v1", Topics.MEMBERSHIP, ApiClientRevoked.class);

    private MembershipEvents() {
    }

    /**
     * Someone created an account and proved the address is theirs (the verification link): from now on they can be
     * written to. {@code locale} is one of tr, en, pl.
     */
    public record PersonRegistered(String personId, String email, String fullName, String locale) {
    }

    /** A partner organisation (municipality, university, NGO, school, cluster ...) the cooperative works with. */
    public record OrganisationRegistered(String organisationId, String name, String country, String type, String oid,
                                         String pic, String contactEmail) {
    }

    /** A registered person applied for membership, accepting the named version of the principles. */
    public record ApplicationSubmitted(String applicationId, String personId, String memberType,
                                       java.util.List<WorkshopCategory> expertise, int acceptedPrinciplesVersion) {
    }

    /**
     * Staff approved ({@code decision} APPROVE, with the new member's id and number) or rejected (REJECT, with a
     * reason) an application.
     */
    public record ApplicationDecided(String applicationId, String personId, String decision, String reason,
                                     String memberId, String memberNumber) {
    }

    /** A share payment entered the register; amount is a decimal string in {@code currency}. */
    public record SharePaymentRecorded(String memberId, String personId, long entryNumber, int shares, String amount,
                                       String currency, java.time.LocalDate paidOn, int sharesHeld) {
    }

    /** A member paid the minimum holding and may now vote (and, as an educator, publish workshops). */
    public record MemberActivated(String memberId, String personId, String memberNumber, String memberType,
                                  java.util.List<WorkshopCategory> expertise) {
    }

    /** ACTIVE, SUSPENDED, RESIGNED, EXPELLED or AWAITING_SHARE_PAYMENT, with the reason staff gave. */
    public record MemberStatusChanged(String memberId, String personId, String memberType, String from, String to,
                                      String reason) {
    }

    /** A new version of the vision, mission and principles; members are asked to accept it. */
    public record PrinciplesPublished(int version) {
    }

    /** A guardian added a child; children never get accounts of their own. */
    public record DependantAdded(String dependantId, String guardianId, String fullName, java.time.LocalDate birthDate) {
    }

    /** Staff convened a general assembly; the eligible members are those ACTIVE on the record date. */
    public record AssemblyConvened(String assemblyId, String title, java.time.LocalDate date, java.time.LocalDate recordDate,
                                   java.util.List<Motion> motions, java.util.List<String> eligiblePersonIds) {

        public record Motion(String motionId, String title) {
        }
    }

    /**
     * An account was created, or its owner asked again: its address must be confirmed before anything else is sent to
     * it. The link is signed where the mail is written, from {@code verificationId} (a one-time nonce, worthless alone);
     * no secret travels here. The only event that names an address nobody has confirmed.
     */
    public record EmailVerificationRequested(String personId, String email, String locale, String verificationId,
                                             java.time.Instant expiresAt) {
    }

    /** Someone tried to register with the address of an existing, verified account: its owner is told, nobody else. */
    public record RegistrationAttempted(String personId) {
    }

    /** The owner of a verified account asked for a password reset link; as with verification, only the nonce travels. */
    public record PasswordResetRequested(String personId, String resetId, java.time.Instant expiresAt) {
    }

    /**
     * The password was changed ({@code how} CHANGED by its owner, or RESET through a mailed link): tokens issued before
     * {@code changedAt} are no longer accepted anywhere, and the owner is told.
     */
    public record PasswordChanged(String personId, java.time.Instant changedAt, String how) {
    }

    /** Staff revoked a partner organisation's API client: no new tokens, and its tokens are refused from now on. */
    public record ApiClientRevoked(String clientId, String organisationId, java.time.Instant revokedAt) {
    }

    /**
     * A person asked to be forgotten: every service removes or anonymises what it holds about them and their
     * dependants, keeping only aggregate figures.
     */
    public record PersonErased(String personId, java.util.List<String> dependantIds) {
    }
}
