package coop.izek.workshop.workshops;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;

import org.junit.jupiter.api.Test;

class AttendanceTest {

    @Test
    void shouldShowOnlyInitialsOfTheHolder() {
        assertThat(Attendance.initials("Ayşe Nur Yılmaz")).isEqualTo("A. N. Y.");
        assertThat(Attendance.initials("  łucja   kowalska ")).isEqualTo("Ł. K.");
        assertThat(Attendance.initials("—")).isNull();
        assertThat(Attendance.initials(null)).isNull();
    }

    @Test
    void shouldMakeCertificateCodesThatAreEasyToReadAndHardToGuess() {
        var codes = new HashSet<String>();
        for (int i = 0; i < 10_000; i++) {
            var code = Attendance.newCertificateCode();
            assertThat(code).matches("IZEK-[A-HJKMNP-Z2-9]{4}-[A-HJKMNP-Z2-9]{4}-[A-HJKMNP-Z2-9]{4}");
            codes.add(code);
        }
        assertThat(codes).hasSize(10_000);
    }
}
