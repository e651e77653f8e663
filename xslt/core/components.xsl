<?xml version="1.0" encoding="UTF-8"?>
<!--
  components.xsl - reusable pieces: the error summary and generic forms
  (CORE-21: labels, 必須 marks, errors at the top in red, fields
  highlighted; everything works without JavaScript).

  Form model (docs/ARCHITECTURE.md):
    <form id="…" action="/…" method="post" csrf="TOKEN" submit-key="btn.next">
      <field name="email" type="email" required="1" key="field.email" max="254"
             hint-key="…" autocomplete="email" retype="1|secret|file">
        <value>…</value><error key="err.required"/>
      </field>
      <field name="pref" type="select" key="field.pref">
        <option value="13">東京都</option>            (text label)
        <option value="f" key="opt.sex.female"/>     (or i18n key)
        <value>13</value>
      </field>
      <group key="…">…fields…</group>               (optional fieldset)
      <button name="op" value="save" key="btn.save" kind="secondary"/>
    </form>
  Field types: text email password date tel number textarea select checkbox
  radio file hidden (anything else is rendered as text).  A checkbox with
  <option> children is a group (several <value>s); without, a single box
  that is checked when its value is non-empty and not "0".
  The id of every control is "f-<name>", which the error summary links to.
-->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:skc="urn:shikaku:xslt">

  <!-- ================================================================
       Error summary
       ================================================================ -->

  <!--
    Lists every error once: first those not tied to a field of the form
    (e.g. err.csrf, err.login), then the fields' errors in the order the
    fields appear, so the list reads like the page.  A field's errors are its
    own <error> children, else the /page/errors/error[@field] naming it, so
    the summary is never missing when a field is marked.  Each field entry
    links to #f-<name>.  role="alert" has screen readers announce it when the
    page loads after a failed POST.
  -->
  <xsl:template name="error-summary">
    <!-- Every page asks; most have no error at all, and then the lists
         below are empty: say so by one test, not by a walk over the
         fields that looks at /page/errors for each (issue 10). -->
    <!-- Not /page/form//field/error: that walks every <option> of
         every select (the 臨床研修 form has 600). -->
    <xsl:if test="/page/errors/error or /page/form/field/error or
        /page/form/*[not(self::field)]//field/error">
      <xsl:call-template name="error-summary-list"/>
    </xsl:if>
  </xsl:template>

  <xsl:template name="error-summary-list">
    <xsl:variable name="fields" select="/page/form//field"/>
    <xsl:variable name="general"
        select="/page/errors/error[not(@field) or not(@field = $fields/@name)]"/>
    <xsl:variable name="marked"
        select="$fields[error or @name = /page/errors/error/@field]"/>
    <xsl:if test="$general or $marked">
      <div class="error-summary" role="alert" aria-labelledby="error-summary-title" tabindex="-1">
        <!--
          After a failed POST the browser moves focus here (autofocus on a
          focusable element; no script, the CSP allows none inline), so
          keyboard and screen-reader users start at the list of errors.
          Not on a GET: a page that opens with a message keeps its place.
        -->
        <xsl:if test="/page/@method = 'POST'">
          <xsl:attribute name="autofocus">autofocus</xsl:attribute>
        </xsl:if>
        <h2 id="error-summary-title" class="error-summary-title">
          <xsl:call-template name="t"><xsl:with-param name="k" select="'errors.title'"/></xsl:call-template>
        </h2>
        <p class="error-summary-intro">
          <xsl:call-template name="t"><xsl:with-param name="k" select="'errors.intro'"/></xsl:call-template>
        </p>
        <ul class="error-summary-list">
          <xsl:for-each select="$general">
            <li>
              <xsl:choose>
                <!-- A field the form does not show: still point at it. -->
                <xsl:when test="@field">
                  <a href="#f-{@field}"><xsl:call-template name="error-text"/></a>
                </xsl:when>
                <xsl:otherwise><xsl:call-template name="error-text"/></xsl:otherwise>
              </xsl:choose>
            </li>
          </xsl:for-each>
          <xsl:for-each select="$marked">
            <xsl:variable name="field" select="."/>
            <xsl:variable name="label">
              <xsl:call-template name="t"><xsl:with-param name="k" select="@key"/></xsl:call-template>
              <xsl:choose>
                <xsl:when test="$lang = 'ja'">：</xsl:when>
                <xsl:otherwise>: </xsl:otherwise>
              </xsl:choose>
            </xsl:variable>
            <xsl:for-each select="error | /page/errors/error[@field = $field/@name][not($field/error)]">
              <li>
                <a href="#f-{$field/@name}">
                  <xsl:value-of select="$label"/>
                  <xsl:call-template name="error-text">
                    <xsl:with-param name="field" select="$field"/>
                  </xsl:call-template>
                </a>
              </li>
            </xsl:for-each>
          </xsl:for-each>
        </ul>
      </div>
    </xsl:if>
  </xsl:template>

  <!--
    error-text: the message of the current <error>.  "{0}" is filled with
    the error's @arg, or else its field's @max (for err.too-long); an
    @hint key adds its sentence after the message.
  -->
  <xsl:template name="error-text">
    <xsl:param name="field" select="/.."/>
    <xsl:call-template name="t">
      <xsl:with-param name="k" select="@key"/>
      <xsl:with-param name="arg">
        <xsl:choose>
          <xsl:when test="@arg"><xsl:value-of select="@arg"/></xsl:when>
          <xsl:otherwise><xsl:value-of select="$field/@max"/></xsl:otherwise>
        </xsl:choose>
      </xsl:with-param>
    </xsl:call-template>
    <!-- @hint: a second sentence of the same answer (login.c). -->
    <xsl:if test="@hint">
      <xsl:if test="$lang != 'ja'"><xsl:text> </xsl:text></xsl:if>
      <xsl:call-template name="t"><xsl:with-param name="k" select="@hint"/></xsl:call-template>
    </xsl:if>
  </xsl:template>

  <!-- ================================================================
       Forms
       ================================================================ -->

  <!--
    novalidate: the server validates every field (one place, CORE-21), and
    browser validation bubbles would block saving a partial draft (CORE-12)
    and speak a different language from our messages.  Required fields
    still carry aria-required for assistive technology.
  -->
  <xsl:template match="form">
    <form class="form" novalidate="novalidate">
      <xsl:attribute name="method">
        <xsl:choose>
          <xsl:when test="@method = 'get' or @method = 'GET'">get</xsl:when>
          <xsl:otherwise>post</xsl:otherwise>
        </xsl:choose>
      </xsl:attribute>
      <xsl:if test="@action"><xsl:attribute name="action"><xsl:value-of select="@action"/></xsl:attribute></xsl:if>
      <xsl:if test="@id"><xsl:attribute name="id"><xsl:value-of select="@id"/></xsl:attribute></xsl:if>
      <!-- .//field[@type = 'file'], without a walk over the options. -->
      <xsl:if test="field[@type = 'file'] or *[not(self::field)]//field[@type = 'file']">
        <xsl:attribute name="enctype">multipart/form-data</xsl:attribute>
      </xsl:if>
      <!-- CORE-11: the per-session token travels with every state change. -->
      <xsl:if test="@csrf">
        <input type="hidden" name="csrf" value="{@csrf}"/>
      </xsl:if>
      <xsl:apply-templates select="field | group"/>
      <div class="form-actions">
        <xsl:choose>
          <!--
            The main action first in document order: Enter in a field
            submits the form's first submit button (HTML's implicit
            submission), so 「戻る」 or 「一時保存」 must never come before
            it, whatever order the model lists them in.
          -->
          <xsl:when test="button">
            <xsl:apply-templates select="button[not(@kind = 'secondary')]"/>
            <xsl:apply-templates select="button[@kind = 'secondary']"/>
          </xsl:when>
          <xsl:otherwise>
            <button type="submit" class="btn btn-primary">
              <xsl:call-template name="t">
                <xsl:with-param name="k">
                  <xsl:choose>
                    <xsl:when test="@submit-key"><xsl:value-of select="@submit-key"/></xsl:when>
                    <xsl:otherwise>btn.submit</xsl:otherwise>
                  </xsl:choose>
                </xsl:with-param>
              </xsl:call-template>
            </button>
          </xsl:otherwise>
        </xsl:choose>
      </div>
    </form>
  </xsl:template>

  <xsl:template match="form/button">
    <button type="submit">
      <xsl:attribute name="class">
        <xsl:choose>
          <xsl:when test="@kind = 'secondary'">btn btn-secondary</xsl:when>
          <xsl:otherwise>btn btn-primary</xsl:otherwise>
        </xsl:choose>
      </xsl:attribute>
      <xsl:if test="@name"><xsl:attribute name="name"><xsl:value-of select="@name"/></xsl:attribute></xsl:if>
      <xsl:if test="@value"><xsl:attribute name="value"><xsl:value-of select="@value"/></xsl:attribute></xsl:if>
      <xsl:call-template name="t"><xsl:with-param name="k" select="@key"/></xsl:call-template>
    </button>
  </xsl:template>

  <xsl:template match="form//group">
    <fieldset class="form-group">
      <legend class="form-group-legend">
        <xsl:call-template name="t"><xsl:with-param name="k" select="@key"/></xsl:call-template>
      </legend>
      <xsl:apply-templates select="field | group"/>
    </fieldset>
  </xsl:template>

  <xsl:template match="field[@type = 'hidden']">
    <input type="hidden" name="{@name}" value="{value}"/>
  </xsl:template>

  <!--
    One field.  Written flat on purpose (issue 10): a long form draws
    this template dozens of times, and under libxslt every named-template
    call, parameter, result-tree-fragment variable and xsl:attribute with
    a body costs more than the markup it writes.  So the common path (a
    single control, no hint, no error) makes no call, the variables are
    strings, optional attributes are copied (xsl:copy-of) rather than
    rebuilt, and the rare parts sit behind one test each.  The named
    templates below (field-label-text, field-hints, field-errors,
    control-attrs) write the same markup for upload.xsl and the rare
    branches; tests/golden holds both to the byte.
  -->
  <xsl:template match="field">
    <!-- Under shikakud a field with no error, hint or retype note (a
         single input, a textarea, a select) is drawn by one C pass
         (render_pass.c ext_field()); everything else, and every field
         elsewhere, by this XSLT.  tests/golden renders both ways. -->
    <skc:field>
      <xsl:fallback>
        <xsl:variable name="id" select="concat('f-', @name)"/>
        <!-- Field errors: its own <error>s, else those in /page/errors for it. -->
        <xsl:variable name="errs"
            select="error | /page/errors/error[@field = current()/@name][not(current()/error)]"/>
        <!-- The control: @type when it is one we draw, else text. -->
        <xsl:variable name="known" select="not(contains(@type, ' ')) and contains(
            ' email password date datetime-local tel number textarea select checkbox radio file ',
            concat(' ', @type, ' '))"/>
        <xsl:variable name="type" select="concat(substring(@type, 1, 100 * $known),
            substring('text', 1, 4 * not($known)))"/>

        <xsl:choose>
          <!-- A single <input> (text, email, password, date, tel, number):
               most fields, so first and with nothing it does not need. -->
          <xsl:when test="not(contains(' textarea select checkbox radio file ', concat(' ', $type, ' ')))">
            <div class="field field-{$type}{substring(' has-error', 1, 10 * boolean($errs))}">
              <!-- field-label-text, inline. -->
              <label for="{$id}" class="field-label">
                <xsl:call-template name="t"><xsl:with-param name="k" select="@key"/></xsl:call-template>
                <xsl:if test="@required = '1'">
                  <xsl:text> </xsl:text>
                  <span class="req">
                    <xsl:call-template name="t"><xsl:with-param name="k" select="'form.required'"/></xsl:call-template>
                  </span>
                </xsl:if>
              </label>
              <xsl:if test="@hint-key or @retype">
                <xsl:call-template name="field-hints">
                  <xsl:with-param name="id" select="$id"/>
                  <xsl:with-param name="show-max" select="false()"/>
                </xsl:call-template>
              </xsl:if>
              <!-- control-attrs, inline. -->
              <input type="{$type}" id="{$id}" name="{@name}">
                <xsl:if test="@required = '1'">
                  <xsl:attribute name="aria-required">true</xsl:attribute>
                </xsl:if>
                <xsl:copy-of select="@autocomplete"/>
                <!-- e.g. "numeric" for one-time codes: a digit pad on phones. -->
                <xsl:copy-of select="@inputmode"/>
                <!-- The describedby of the other controls, without -max
                     (never shown here). -->
                <xsl:if test="@hint-key or @retype or $errs">
                  <xsl:if test="$errs">
                    <xsl:attribute name="aria-invalid">true</xsl:attribute>
                  </xsl:if>
                  <xsl:attribute name="aria-describedby">
                    <xsl:value-of select="normalize-space(concat(
                        substring(concat($id, '-hint'), 1, 1000 * boolean(@hint-key)), ' ',
                        substring(concat($id, '-retype'), 1, 1000 * boolean(@retype)), ' ',
                        substring(concat($id, '-err'), 1, 1000 * boolean($errs))))"/>
                  </xsl:attribute>
                </xsl:if>
                <!-- @max is a number of characters (validated server-side as UTF-8
                     characters); it is not meaningful for dates and numbers. -->
                <xsl:choose>
                  <xsl:when test="$type = 'number'">
                    <xsl:if test="@min-value"><xsl:attribute name="min"><xsl:value-of select="@min-value"/></xsl:attribute></xsl:if>
                    <xsl:if test="@max-value"><xsl:attribute name="max"><xsl:value-of select="@max-value"/></xsl:attribute></xsl:if>
                  </xsl:when>
                  <xsl:when test="@max and $type != 'date' and $type != 'datetime-local'">
                    <xsl:attribute name="maxlength"><xsl:value-of select="@max"/></xsl:attribute>
                  </xsl:when>
                </xsl:choose>
                <!-- Never echo a password back into the page. -->
                <xsl:if test="value and $type != 'password'">
                  <xsl:attribute name="value"><xsl:value-of select="value"/></xsl:attribute>
                </xsl:if>
              </input>
              <xsl:if test="$errs">
                <xsl:call-template name="field-errors">
                  <xsl:with-param name="id" select="$id"/>
                  <xsl:with-param name="errs" select="$errs"/>
                </xsl:call-template>
              </xsl:if>
            </div>
          </xsl:when>
          <xsl:otherwise>
            <xsl:call-template name="field-other">
              <xsl:with-param name="id" select="$id"/>
              <xsl:with-param name="errs" select="$errs"/>
              <xsl:with-param name="type" select="$type"/>
            </xsl:call-template>
          </xsl:otherwise>
        </xsl:choose>
      </xsl:fallback>
    </skc:field>
  </xsl:template>

  <!-- The other controls: groups, a single checkbox, textarea, select, file. -->
  <xsl:template name="field-other">
    <xsl:param name="id"/>
    <xsl:param name="errs"/>
    <xsl:param name="type"/>
    <!-- A length limit is worth saying up front for long free text. -->
    <xsl:variable name="show-max" select="$type = 'textarea' and @max"/>
    <xsl:variable name="describedby" select="normalize-space(concat(
        substring(concat($id, '-hint'), 1, 1000 * boolean(@hint-key)), ' ',
        substring(concat($id, '-retype'), 1, 1000 * boolean(@retype)), ' ',
        substring(concat($id, '-max'), 1, 1000 * $show-max), ' ',
        substring(concat($id, '-err'), 1, 1000 * boolean($errs))))"/>
    <xsl:variable name="cls" select="concat('field field-', $type,
        substring(' has-error', 1, 10 * boolean($errs)))"/>

    <xsl:choose>
      <!-- Radio buttons and checkbox groups: a fieldset whose legend is the label. -->
      <xsl:when test="$type = 'radio' or ($type = 'checkbox' and option)">
        <fieldset class="{$cls}">
          <legend class="field-label">
            <xsl:call-template name="field-label-text"/>
          </legend>
          <xsl:if test="@hint-key or @retype">
            <xsl:call-template name="field-hints">
              <xsl:with-param name="id" select="$id"/>
              <xsl:with-param name="show-max" select="false()"/>
            </xsl:call-template>
          </xsl:if>
          <div class="choices">
            <xsl:variable name="vals" select="value"/>
            <xsl:for-each select="option">
              <!-- The first choice keeps "f-<name>" so the summary link lands on it. -->
              <xsl:variable name="oid" select="concat($id,
                  substring(concat('-', position()), 1, 1000 * (position() &gt; 1)))"/>
              <div class="choice">
                <input type="{$type}" id="{$oid}" name="{../@name}" value="{@value}">
                  <xsl:if test="@value = $vals or @selected = '1'">
                    <xsl:attribute name="checked">checked</xsl:attribute>
                  </xsl:if>
                  <xsl:if test="$describedby != ''">
                    <xsl:if test="$errs">
                      <xsl:attribute name="aria-invalid">true</xsl:attribute>
                    </xsl:if>
                    <xsl:attribute name="aria-describedby"><xsl:value-of select="$describedby"/></xsl:attribute>
                  </xsl:if>
                </input>
                <label for="{$oid}">
                  <xsl:choose>
                    <xsl:when test="@key">
                      <xsl:call-template name="t"><xsl:with-param name="k" select="@key"/></xsl:call-template>
                    </xsl:when>
                    <xsl:otherwise><xsl:value-of select="."/></xsl:otherwise>
                  </xsl:choose>
                </label>
              </div>
            </xsl:for-each>
          </div>
          <xsl:if test="$errs">
            <xsl:call-template name="field-errors">
              <xsl:with-param name="id" select="$id"/>
              <xsl:with-param name="errs" select="$errs"/>
            </xsl:call-template>
          </xsl:if>
        </fieldset>
      </xsl:when>

      <!-- A single checkbox: the box comes first, its label beside it. -->
      <xsl:when test="$type = 'checkbox'">
        <div class="{$cls}">
          <div class="choice">
            <input type="checkbox" id="{$id}" name="{@name}" value="1">
              <xsl:if test="normalize-space(value) != '' and value != '0'">
                <xsl:attribute name="checked">checked</xsl:attribute>
              </xsl:if>
              <xsl:if test="$describedby != ''">
                <xsl:if test="$errs">
                  <xsl:attribute name="aria-invalid">true</xsl:attribute>
                </xsl:if>
                <xsl:attribute name="aria-describedby"><xsl:value-of select="$describedby"/></xsl:attribute>
              </xsl:if>
            </input>
            <label for="{$id}" class="field-label"><xsl:call-template name="field-label-text"/></label>
          </div>
          <xsl:if test="@hint-key or @retype">
            <xsl:call-template name="field-hints">
              <xsl:with-param name="id" select="$id"/>
              <xsl:with-param name="show-max" select="false()"/>
            </xsl:call-template>
          </xsl:if>
          <xsl:if test="$errs">
            <xsl:call-template name="field-errors">
              <xsl:with-param name="id" select="$id"/>
              <xsl:with-param name="errs" select="$errs"/>
            </xsl:call-template>
          </xsl:if>
        </div>
      </xsl:when>

      <!-- textarea, select, file: label, hints, the control, then its errors. -->
      <xsl:otherwise>
        <div class="{$cls}">
          <!-- field-label-text, inline. -->
          <label for="{$id}" class="field-label">
            <xsl:call-template name="t"><xsl:with-param name="k" select="@key"/></xsl:call-template>
            <xsl:if test="@required = '1'">
              <xsl:text> </xsl:text>
              <span class="req">
                <xsl:call-template name="t"><xsl:with-param name="k" select="'form.required'"/></xsl:call-template>
              </span>
            </xsl:if>
          </label>
          <xsl:if test="@hint-key or @retype or $show-max">
            <xsl:call-template name="field-hints">
              <xsl:with-param name="id" select="$id"/>
              <xsl:with-param name="show-max" select="$show-max"/>
            </xsl:call-template>
          </xsl:if>
          <xsl:choose>
            <xsl:when test="$type = 'textarea'">
              <textarea>
                <xsl:call-template name="control-attrs">
                  <xsl:with-param name="id" select="$id"/>
                  <xsl:with-param name="errs" select="$errs"/>
                  <xsl:with-param name="describedby" select="$describedby"/>
                </xsl:call-template>
                <xsl:attribute name="rows">
                  <xsl:choose>
                    <xsl:when test="number(@rows) &gt; 0"><xsl:value-of select="number(@rows)"/></xsl:when>
                    <xsl:otherwise>6</xsl:otherwise>
                  </xsl:choose>
                </xsl:attribute>
                <xsl:if test="@max">
                  <xsl:attribute name="maxlength"><xsl:value-of select="@max"/></xsl:attribute>
                </xsl:if>
                <!-- HTML drops one newline right after <textarea>: give it one to
                     drop, so a value that starts with a newline survives. -->
                <xsl:text>&#10;</xsl:text>
                <xsl:value-of select="value"/>
              </textarea>
            </xsl:when>

            <xsl:when test="$type = 'select'">
              <select id="{$id}" name="{@name}">
                <xsl:call-template name="control-rest">
                  <xsl:with-param name="errs" select="$errs"/>
                  <xsl:with-param name="describedby" select="$describedby"/>
                </xsl:call-template>
                <!-- An explicit "please select" first, unless the model has an empty choice. -->
                <xsl:if test="not(option[@value = ''])">
                  <option value="">
                    <xsl:call-template name="t"><xsl:with-param name="k" select="'form.choose'"/></xsl:call-template>
                  </option>
                </xsl:if>
                <!-- The options in one C pass under shikakud (render_pass.c
                     ext_options(): a list of 238 cost 0.4 ms as XSLT);
                     elsewhere the same in XSLT. -->
                <skc:options>
                  <xsl:fallback>
                    <xsl:variable name="vals" select="value"/>
                    <xsl:for-each select="option">
                      <option value="{@value}">
                        <xsl:if test="@value = $vals or @selected = '1'">
                          <xsl:attribute name="selected">selected</xsl:attribute>
                        </xsl:if>
                        <xsl:choose>
                          <xsl:when test="@key">
                            <xsl:call-template name="t"><xsl:with-param name="k" select="@key"/></xsl:call-template>
                          </xsl:when>
                          <xsl:otherwise><xsl:value-of select="."/></xsl:otherwise>
                        </xsl:choose>
                      </option>
                    </xsl:for-each>
                  </xsl:fallback>
                </skc:options>
              </select>
            </xsl:when>

            <!-- file (upload.xsl draws file fields where it is imported). -->
            <xsl:otherwise>
              <!-- A stored upload is named, not re-sent: the browser cannot pre-fill files. -->
              <xsl:if test="normalize-space(value) != ''">
                <p class="file-current">
                  <xsl:call-template name="t"><xsl:with-param name="k" select="'form.file-current'"/></xsl:call-template>
                  <xsl:value-of select="value"/>
                </p>
              </xsl:if>
              <input type="file" id="{$id}" name="{@name}">
                <xsl:call-template name="control-rest">
                  <xsl:with-param name="errs" select="$errs"/>
                  <xsl:with-param name="describedby" select="$describedby"/>
                </xsl:call-template>
                <xsl:copy-of select="@accept"/>
              </input>
            </xsl:otherwise>
          </xsl:choose>
          <xsl:if test="$errs">
            <xsl:call-template name="field-errors">
              <xsl:with-param name="id" select="$id"/>
              <xsl:with-param name="errs" select="$errs"/>
            </xsl:call-template>
          </xsl:if>
        </div>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- Label text plus the 必須 mark (CORE-21; seed 000: 赤字の（必須）). -->
  <xsl:template name="field-label-text">
    <xsl:call-template name="t"><xsl:with-param name="k" select="@key"/></xsl:call-template>
    <xsl:if test="@required = '1'">
      <xsl:text> </xsl:text>
      <span class="req">
        <xsl:call-template name="t"><xsl:with-param name="k" select="'form.required'"/></xsl:call-template>
      </span>
    </xsl:if>
  </xsl:template>

  <xsl:template name="field-hints">
    <xsl:param name="id"/>
    <xsl:param name="show-max"/>
    <xsl:if test="@hint-key">
      <p class="field-hint" id="{$id}-hint">
        <xsl:call-template name="t"><xsl:with-param name="k" select="@hint-key"/></xsl:call-template>
      </p>
    </xsl:if>
    <!--
      A password or a file is never sent back (CORE-12): typed (chosen)
      again, and the field says why.  retype="1": the form had an error;
      "secret": a form drawn again after its token expired, or /kept;
      "file": a file that came with such a form.
    -->
    <xsl:if test="@retype">
      <p class="field-hint field-retype" id="{$id}-retype">
        <!-- file: form.reselect-file, secret: form.retype-secret, else
             form.password-retype; a select, so render.c inlines the call. -->
        <xsl:call-template name="t">
          <xsl:with-param name="k" select="concat('form.',
              substring('reselect-file', 1, 13 * (@retype = 'file')),
              substring('retype-secret', 1, 13 * (@retype = 'secret')),
              substring('password-retype', 1, 15 * not(@retype = 'file' or @retype = 'secret')))"/>
        </xsl:call-template>
      </p>
    </xsl:if>
    <xsl:if test="$show-max">
      <p class="field-hint field-max" id="{$id}-max">
        <xsl:call-template name="t">
          <xsl:with-param name="k" select="'form.max-chars'"/>
          <xsl:with-param name="arg" select="@max"/>
        </xsl:call-template>
      </p>
    </xsl:if>
  </xsl:template>

  <!-- Inline errors, under the control, referenced by aria-describedby. -->
  <xsl:template name="field-errors">
    <xsl:param name="id"/>
    <xsl:param name="errs"/>
    <xsl:if test="$errs">
      <xsl:variable name="field" select="."/>
      <p class="field-error" id="{$id}-err">
        <xsl:for-each select="$errs">
          <xsl:if test="position() &gt; 1"><xsl:text> </xsl:text></xsl:if>
          <xsl:call-template name="error-text">
            <xsl:with-param name="field" select="$field"/>
          </xsl:call-template>
        </xsl:for-each>
      </p>
    </xsl:if>
  </xsl:template>

  <!-- id, name, required state, autocomplete: for single controls. -->
  <xsl:template name="control-attrs">
    <xsl:param name="id"/>
    <xsl:param name="errs"/>
    <xsl:param name="describedby"/>
    <xsl:attribute name="id"><xsl:value-of select="$id"/></xsl:attribute>
    <xsl:attribute name="name"><xsl:value-of select="@name"/></xsl:attribute>
    <xsl:call-template name="control-rest">
      <xsl:with-param name="errs" select="$errs"/>
      <xsl:with-param name="describedby" select="$describedby"/>
    </xsl:call-template>
  </xsl:template>

  <!-- control-attrs after id and name (a control that writes those itself). -->
  <xsl:template name="control-rest">
    <xsl:param name="errs"/>
    <xsl:param name="describedby"/>
    <xsl:if test="@required = '1'">
      <xsl:attribute name="aria-required">true</xsl:attribute>
    </xsl:if>
    <xsl:copy-of select="@autocomplete"/>
    <!-- e.g. "numeric" for one-time codes: a digit pad on phones. -->
    <xsl:copy-of select="@inputmode"/>
    <xsl:if test="$errs">
      <xsl:attribute name="aria-invalid">true</xsl:attribute>
    </xsl:if>
    <xsl:if test="$describedby != ''">
      <xsl:attribute name="aria-describedby"><xsl:value-of select="$describedby"/></xsl:attribute>
    </xsl:if>
  </xsl:template>

</xsl:stylesheet>
