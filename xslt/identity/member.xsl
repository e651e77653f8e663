<?xml version="1.0" encoding="UTF-8"?>
<!--
  identity/member.xsl — 会員情報 on every tenant (ACC-4, issue 9 item 8,
  src/identity/member_record.c): the record (member number, names,
  birth date, contact, workplace, certification numbers, the board's
  own fields where its registration filled them), the contact form,
  the new address's link, identity change requests and the tenant
  admin's decisions.  A feature draws its own part of the record page
  in mode "member-part" (register.xsl: the training history).  Message
  keys keep their reg. prefix from when the page was the board's.

  Models:
    member            @none? | <member member-no? regno? regno-date? email
                        since legacy-id?><personal/><affiliation/>
                        <licence/>?<certifications><cert kind number date/>
                        </certifications>(a feature's part)<changes/></member>
                        (personal, affiliation: <item name key type?
                        value-key?/>)
    member-email      @state = done|invalid|taken
    member-change     <changes><change id field state requested decided>
                        <old/><new/><comment/>?</change></changes>
    admin-member-changes  <pending><change id uid field requested
                        member-name regno? member-no?><old/><new/><reason/>
                        <upload/>?</change></pending> <decided>…</decided>;
                        with pending/@only one change and /page/form
                        [@id = 'member-decide'] deciding it
    (a product's page) <record href member-no? regno? email><personal/>
                        <affiliation/><certifications/></record>
-->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform">

  <!-- ================================================================
       会員情報 (ACC-4)
       ================================================================ -->
  <xsl:template mode="title" match="page[contains(
      ' member member-contact member-email member-change admin-member-changes ',
      concat(' ', @name, ' '))]">
    <xsl:call-template name="t">
      <xsl:with-param name="k" select="concat('reg.title.', @name)"/>
    </xsl:call-template>
  </xsl:template>

  <xsl:template name="member-p">
    <xsl:param name="k"/>
    <xsl:param name="class" select="''"/>
    <p>
      <xsl:if test="$class != ''"><xsl:attribute name="class"><xsl:value-of select="$class"/></xsl:attribute></xsl:if>
      <xsl:call-template name="t"><xsl:with-param name="k" select="$k"/></xsl:call-template>
    </p>
  </xsl:template>

  <xsl:template name="member-link">
    <xsl:param name="href"/>
    <xsl:param name="k"/>
    <xsl:param name="class" select="'btn btn-secondary'"/>
    <a class="{$class}" href="{$href}">
      <xsl:call-template name="t"><xsl:with-param name="k" select="$k"/></xsl:call-template>
    </a>
  </xsl:template>

  <!-- A feature's part of the page this stylesheet does not know, and
       the record's own nodes, draw nothing in mode member-part. -->
  <xsl:template match="*" mode="member-part"/>

  <!-- The record's fields as a definition list (会員情報, and the
       registration's confirmation step). -->
  <xsl:template match="personal | affiliation" mode="member">
    <dl class="reg-dl">
      <xsl:for-each select="item">
        <dt><xsl:call-template name="t"><xsl:with-param name="k" select="@key"/></xsl:call-template></dt>
        <dd>
          <xsl:choose>
            <xsl:when test="@value-key">
              <xsl:call-template name="t"><xsl:with-param name="k" select="@value-key"/></xsl:call-template>
            </xsl:when>
            <xsl:when test="@type = 'date'">
              <xsl:call-template name="date"><xsl:with-param name="d" select="."/></xsl:call-template>
            </xsl:when>
            <xsl:when test="(@name = 'postal_code' or @name = 'work_postal') and normalize-space(.) != ''">
              <xsl:text>〒</xsl:text><xsl:value-of select="."/>
            </xsl:when>
            <xsl:otherwise><xsl:value-of select="."/></xsl:otherwise>
          </xsl:choose>
        </dd>
      </xsl:for-each>
    </dl>
  </xsl:template>

  <xsl:template name="member-field-name">
    <xsl:param name="f" select="@field"/>
    <xsl:call-template name="t"><xsl:with-param name="k" select="concat('reg.field.', $f)"/></xsl:call-template>
  </xsl:template>

  <xsl:template name="member-state">
    <xsl:call-template name="t"><xsl:with-param name="k" select="concat('reg.state.', @state)"/></xsl:call-template>
  </xsl:template>

  <xsl:template match="changes" mode="member">
    <xsl:if test="change">
      <section class="reg-changes" aria-labelledby="reg-changes-title">
        <h2 id="reg-changes-title">
          <xsl:call-template name="t"><xsl:with-param name="k" select="'reg.member.changes'"/></xsl:call-template>
        </h2>
        <ul class="notice-list">
          <xsl:for-each select="change">
            <li class="notice">
              <p class="notice-title">
                <xsl:call-template name="member-field-name"/>
                <xsl:text>：</xsl:text>
                <xsl:value-of select="old"/>
                <xsl:text> → </xsl:text>
                <xsl:value-of select="new"/>
              </p>
              <p class="notice-body">
                <strong><xsl:call-template name="member-state"/></strong>
                <xsl:text> </xsl:text>
                <xsl:call-template name="t">
                  <xsl:with-param name="k" select="'reg.change.requested'"/>
                  <xsl:with-param name="arg" select="@requested"/>
                </xsl:call-template>
                <xsl:if test="@decided">
                  <xsl:text> </xsl:text>
                  <xsl:call-template name="t">
                    <xsl:with-param name="k" select="'reg.change.decided'"/>
                    <xsl:with-param name="arg" select="@decided"/>
                  </xsl:call-template>
                </xsl:if>
              </p>
              <xsl:if test="comment">
                <p class="notice-body">
                  <xsl:call-template name="t"><xsl:with-param name="k" select="'reg.f.comment'"/></xsl:call-template>
                  <xsl:text>：</xsl:text>
                  <xsl:value-of select="comment"/>
                </p>
              </xsl:if>
            </li>
          </xsl:for-each>
        </ul>
      </section>
    </xsl:if>
  </xsl:template>

  <xsl:template match="page[@name = 'member']" mode="content">
    <xsl:variable name="m" select="content/member"/>
    <!-- Which identity fields a request may change: the board's record
         has the registration number too. -->
    <xsl:variable name="rc">
      <xsl:choose>
        <xsl:when test="$m/@regno">reg.member.request-change</xsl:when>
        <xsl:otherwise>member.request-change</xsl:otherwise>
      </xsl:choose>
    </xsl:variable>
    <h1><xsl:apply-templates select="." mode="title"/></h1>
    <xsl:choose>
      <xsl:when test="content/@none = '1'">
        <xsl:call-template name="member-p"><xsl:with-param name="k" select="'reg.member.none'"/></xsl:call-template>
      </xsl:when>
      <xsl:otherwise>
        <section class="reg-summary" aria-labelledby="reg-identity-title">
          <h2 id="reg-identity-title">
            <xsl:call-template name="t"><xsl:with-param name="k" select="'reg.member.identity'"/></xsl:call-template>
          </h2>
          <dl class="reg-dl">
            <xsl:if test="$m/@member-no">
              <dt><xsl:call-template name="t"><xsl:with-param name="k" select="'member.f.member_no'"/></xsl:call-template></dt>
              <dd><xsl:value-of select="$m/@member-no"/></dd>
            </xsl:if>
            <xsl:if test="$m/@regno">
              <dt><xsl:call-template name="t"><xsl:with-param name="k" select="'field.regno'"/></xsl:call-template></dt>
              <dd><xsl:value-of select="$m/@regno"/></dd>
              <dt><xsl:call-template name="t"><xsl:with-param name="k" select="'field.regdate'"/></xsl:call-template></dt>
              <dd><xsl:call-template name="date"><xsl:with-param name="d" select="$m/@regno-date"/></xsl:call-template></dd>
            </xsl:if>
            <dt><xsl:call-template name="t"><xsl:with-param name="k" select="'field.email'"/></xsl:call-template></dt>
            <dd><xsl:value-of select="$m/@email"/></dd>
            <xsl:if test="$m/@legacy-id">
              <dt><xsl:call-template name="t"><xsl:with-param name="k" select="'reg.f.legacy-id'"/></xsl:call-template></dt>
              <dd><xsl:value-of select="$m/@legacy-id"/></dd>
            </xsl:if>
            <dt><xsl:call-template name="t"><xsl:with-param name="k" select="'reg.member.since'"/></xsl:call-template></dt>
            <dd><xsl:call-template name="date"><xsl:with-param name="d" select="$m/@since"/></xsl:call-template></dd>
          </dl>
          <xsl:apply-templates select="$m/personal" mode="member"/>
          <xsl:if test="$m/licence/upload">
            <h3><xsl:call-template name="t"><xsl:with-param name="k" select="'reg.f.licence'"/></xsl:call-template></h3>
            <xsl:for-each select="$m/licence/upload">
              <xsl:call-template name="upload-preview"><xsl:with-param name="delete" select="'none'"/></xsl:call-template>
            </xsl:for-each>
          </xsl:if>
          <ul class="link-cards">
            <li class="link-card">
              <a class="link-card-link" href="/member/contact">
                <xsl:call-template name="t"><xsl:with-param name="k" select="'reg.member.edit-contact'"/></xsl:call-template>
              </a>
              <p class="link-note"><xsl:call-template name="t"><xsl:with-param name="k" select="'reg.member.edit-contact.note'"/></xsl:call-template></p>
            </li>
            <li class="link-card">
              <a class="link-card-link" href="/member/change">
                <xsl:call-template name="t"><xsl:with-param name="k" select="$rc"/></xsl:call-template>
              </a>
              <p class="link-note"><xsl:call-template name="t"><xsl:with-param name="k" select="concat($rc, '.note')"/></xsl:call-template></p>
            </li>
          </ul>
        </section>
        <section class="reg-summary" aria-labelledby="member-affiliation-title">
          <h2 id="member-affiliation-title">
            <xsl:call-template name="t"><xsl:with-param name="k" select="'member.affiliation'"/></xsl:call-template>
          </h2>
          <xsl:choose>
            <xsl:when test="$m/affiliation/item">
              <xsl:apply-templates select="$m/affiliation" mode="member"/>
            </xsl:when>
            <xsl:otherwise>
              <p class="empty"><xsl:call-template name="t"><xsl:with-param name="k" select="'member.affiliation.none'"/></xsl:call-template></p>
            </xsl:otherwise>
          </xsl:choose>
        </section>
        <section class="reg-summary" aria-labelledby="member-certs-title">
          <h2 id="member-certs-title">
            <xsl:call-template name="t"><xsl:with-param name="k" select="'member.certs'"/></xsl:call-template>
          </h2>
          <xsl:choose>
            <xsl:when test="$m/certifications/cert">
              <div class="table-wrap">
              <table class="data stack">
                <thead>
                  <tr>
                    <th scope="col"><xsl:call-template name="t"><xsl:with-param name="k" select="'member.cert.kind'"/></xsl:call-template></th>
                    <th scope="col"><xsl:call-template name="t"><xsl:with-param name="k" select="'member.cert.number'"/></xsl:call-template></th>
                    <th scope="col"><xsl:call-template name="t"><xsl:with-param name="k" select="'member.cert.date'"/></xsl:call-template></th>
                  </tr>
                </thead>
                <tbody>
                  <xsl:for-each select="$m/certifications/cert">
                    <tr>
                      <td><xsl:value-of select="@kind"/></td>
                      <td><xsl:value-of select="@number"/></td>
                      <td><xsl:call-template name="date"><xsl:with-param name="d" select="@date"/></xsl:call-template></td>
                    </tr>
                  </xsl:for-each>
                </tbody>
              </table>
              </div>
            </xsl:when>
            <xsl:otherwise>
              <p class="empty"><xsl:call-template name="t"><xsl:with-param name="k" select="'member.certs.none'"/></xsl:call-template></p>
            </xsl:otherwise>
          </xsl:choose>
          <p class="field-hint"><xsl:call-template name="t"><xsl:with-param name="k" select="'member.certs.note'"/></xsl:call-template></p>
        </section>
        <!-- Each feature's own part (the board: training history). -->
        <xsl:apply-templates select="$m/*" mode="member-part"/>
        <xsl:apply-templates select="$m/changes" mode="member"/>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- The record read-only inside a product's page (member_record_model()):
       a product applies mode member-record to its <record>. -->
  <xsl:template match="record" mode="member-record">
    <section class="reg-summary member-record" aria-labelledby="member-record-title">
      <h2 id="member-record-title"><xsl:call-template name="t"><xsl:with-param name="k" select="'member.record'"/></xsl:call-template></h2>
      <dl class="reg-dl">
        <xsl:if test="@member-no">
          <dt><xsl:call-template name="t"><xsl:with-param name="k" select="'member.f.member_no'"/></xsl:call-template></dt>
          <dd><xsl:value-of select="@member-no"/></dd>
        </xsl:if>
        <xsl:if test="@regno">
          <dt><xsl:call-template name="t"><xsl:with-param name="k" select="'field.regno'"/></xsl:call-template></dt>
          <dd><xsl:value-of select="@regno"/></dd>
        </xsl:if>
        <dt><xsl:call-template name="t"><xsl:with-param name="k" select="'field.email'"/></xsl:call-template></dt>
        <dd><xsl:value-of select="@email"/></dd>
      </dl>
      <xsl:apply-templates select="personal | affiliation" mode="member"/>
      <xsl:if test="certifications/cert">
        <dl class="reg-dl">
          <xsl:for-each select="certifications/cert">
            <dt><xsl:value-of select="@kind"/></dt>
            <dd>
              <xsl:value-of select="@number"/>
              <xsl:if test="@date">
                <xsl:text>（</xsl:text>
                <xsl:call-template name="date"><xsl:with-param name="d" select="@date"/></xsl:call-template>
                <xsl:text>）</xsl:text>
              </xsl:if>
            </dd>
          </xsl:for-each>
        </dl>
      </xsl:if>
      <p class="field-hint">
        <xsl:call-template name="t"><xsl:with-param name="k" select="'member.record.note'"/></xsl:call-template>
        <xsl:text> </xsl:text>
        <a href="{@href}"><xsl:call-template name="t"><xsl:with-param name="k" select="'member.record.link'"/></xsl:call-template></a>
      </p>
    </section>
  </xsl:template>

  <xsl:template match="page[@name = 'member-contact']" mode="content">
    <h1><xsl:apply-templates select="." mode="title"/></h1>
    <xsl:call-template name="member-p"><xsl:with-param name="k" select="'reg.contact.intro'"/><xsl:with-param name="class" select="'lead'"/></xsl:call-template>
    <!-- A new address waiting for its link (ACC-4). -->
    <xsl:for-each select="form[@pending-email]">
      <div class="flash flash-info" role="status">
        <p><xsl:call-template name="t"><xsl:with-param name="k" select="'reg.contact.pending'"/><xsl:with-param name="arg" select="string(@pending-email)"/></xsl:call-template></p>
        <p><xsl:call-template name="t"><xsl:with-param name="k" select="'reg.contact.pending-until'"/><xsl:with-param name="arg" select="string(@pending-until)"/></xsl:call-template></p>
      </div>
    </xsl:for-each>
    <xsl:apply-templates select="form"/>
    <p class="form-links"><a href="/member"><xsl:call-template name="t"><xsl:with-param name="k" select="'reg.member.back'"/></xsl:call-template></a></p>
  </xsl:template>

  <!-- The link mailed to a new address: @state = done|invalid|taken. -->
  <xsl:template match="page[@name = 'member-email']" mode="content">
    <h1><xsl:apply-templates select="." mode="title"/></h1>
    <xsl:choose>
      <xsl:when test="content/@state = 'done'">
        <div class="flash flash-success" role="status">
          <p><xsl:call-template name="t"><xsl:with-param name="k" select="'reg.newmail.done'"/></xsl:call-template></p>
        </div>
      </xsl:when>
      <xsl:otherwise>
        <div class="flash flash-warning" role="alert">
          <p><xsl:call-template name="t"><xsl:with-param name="k" select="concat('reg.newmail.', content/@state)"/></xsl:call-template></p>
        </div>
      </xsl:otherwise>
    </xsl:choose>
    <p class="form-actions">
      <xsl:call-template name="member-link">
        <xsl:with-param name="href" select="'/member'"/>
        <xsl:with-param name="k" select="'reg.newmail.back'"/>
        <xsl:with-param name="class" select="'btn btn-primary'"/>
      </xsl:call-template>
    </p>
  </xsl:template>

  <xsl:template match="page[@name = 'member-change']" mode="content">
    <h1><xsl:apply-templates select="." mode="title"/></h1>
    <xsl:call-template name="member-p"><xsl:with-param name="k" select="'reg.change.intro'"/><xsl:with-param name="class" select="'lead'"/></xsl:call-template>
    <xsl:apply-templates select="content/changes" mode="member"/>
    <xsl:apply-templates select="form"/>
    <p class="form-links"><a href="/member"><xsl:call-template name="t"><xsl:with-param name="k" select="'reg.member.back'"/></xsl:call-template></a></p>
  </xsl:template>

  <!-- ================================================================
       The tenant admin: identity change requests
       ================================================================ -->
  <xsl:template match="page[@name = 'admin-member-changes']" mode="content">
    <xsl:variable name="only" select="content/pending/@only"/>
    <h1><xsl:apply-templates select="." mode="title"/></h1>
    <xsl:choose>
      <!-- One request, its details and the form deciding it. -->
      <xsl:when test="$only">
        <xsl:for-each select="content/pending/change">
          <section class="reg-change" aria-labelledby="reg-change-title">
            <h2 id="reg-change-title">
              <xsl:value-of select="@member-name"/>
              <!-- The board's members by registration number, the
                   societies' by member number. -->
              <xsl:choose>
                <xsl:when test="@regno">
                  <xsl:text>（</xsl:text>
                  <xsl:call-template name="t"><xsl:with-param name="k" select="'field.regno'"/></xsl:call-template>
                  <xsl:text> </xsl:text>
                  <xsl:value-of select="@regno"/>
                  <xsl:text>）</xsl:text>
                </xsl:when>
                <xsl:when test="@member-no">
                  <xsl:text>（</xsl:text>
                  <xsl:call-template name="t"><xsl:with-param name="k" select="'member.f.member_no'"/></xsl:call-template>
                  <xsl:text> </xsl:text>
                  <xsl:value-of select="@member-no"/>
                  <xsl:text>）</xsl:text>
                </xsl:when>
              </xsl:choose>
            </h2>
            <dl class="reg-dl">
              <dt><xsl:call-template name="t"><xsl:with-param name="k" select="'reg.admin.field'"/></xsl:call-template></dt>
              <dd><xsl:call-template name="member-field-name"/></dd>
              <dt><xsl:call-template name="t"><xsl:with-param name="k" select="'reg.admin.old'"/></xsl:call-template></dt>
              <dd><xsl:value-of select="old"/></dd>
              <dt><xsl:call-template name="t"><xsl:with-param name="k" select="'reg.admin.new'"/></xsl:call-template></dt>
              <dd><strong><xsl:value-of select="new"/></strong></dd>
              <dt><xsl:call-template name="t"><xsl:with-param name="k" select="'reg.f.reason'"/></xsl:call-template></dt>
              <dd><xsl:value-of select="reason"/></dd>
              <dt><xsl:call-template name="t"><xsl:with-param name="k" select="'reg.admin.requested'"/></xsl:call-template></dt>
              <dd><xsl:value-of select="@requested"/></dd>
            </dl>
            <xsl:if test="upload">
              <h3><xsl:call-template name="t"><xsl:with-param name="k" select="'reg.f.licence'"/></xsl:call-template></h3>
              <xsl:for-each select="upload">
                <xsl:call-template name="upload-preview"><xsl:with-param name="delete" select="'none'"/></xsl:call-template>
              </xsl:for-each>
            </xsl:if>
            <xsl:call-template name="member-p"><xsl:with-param name="k" select="'reg.admin.decide'"/></xsl:call-template>
            <xsl:apply-templates select="/page/form[@id = 'member-decide']"/>
          </section>
        </xsl:for-each>
        <xsl:if test="not(content/pending/change)">
          <p class="empty"><xsl:call-template name="t"><xsl:with-param name="k" select="'reg.err.change-gone'"/></xsl:call-template></p>
        </xsl:if>
        <p class="form-links">
          <a href="/admin/member-changes"><xsl:call-template name="t"><xsl:with-param name="k" select="'reg.admin.back'"/></xsl:call-template></a>
        </p>
      </xsl:when>
      <xsl:otherwise>
        <h2><xsl:call-template name="t"><xsl:with-param name="k" select="'reg.admin.pending'"/></xsl:call-template></h2>
        <xsl:choose>
          <xsl:when test="content/pending/change">
            <ul class="notice-list">
              <xsl:for-each select="content/pending/change">
                <li class="notice">
                  <p class="notice-title">
                    <a href="/admin/member-changes?id={@id}">
                      <xsl:value-of select="@member-name"/>
                      <xsl:text>：</xsl:text>
                      <xsl:call-template name="member-field-name"/>
                    </a>
                  </p>
                  <p class="notice-body">
                    <xsl:value-of select="old"/>
                    <xsl:text> → </xsl:text>
                    <strong><xsl:value-of select="new"/></strong>
                    <xsl:text>　</xsl:text>
                    <xsl:call-template name="t">
                      <xsl:with-param name="k" select="'reg.change.requested'"/>
                      <xsl:with-param name="arg" select="@requested"/>
                    </xsl:call-template>
                  </p>
                </li>
              </xsl:for-each>
            </ul>
          </xsl:when>
          <xsl:otherwise>
            <p class="empty"><xsl:call-template name="t"><xsl:with-param name="k" select="'reg.admin.none'"/></xsl:call-template></p>
          </xsl:otherwise>
        </xsl:choose>
        <xsl:if test="content/decided/change">
          <h2><xsl:call-template name="t"><xsl:with-param name="k" select="'reg.admin.decided'"/></xsl:call-template></h2>
          <ul class="notice-list">
            <xsl:for-each select="content/decided/change">
              <li class="notice">
                <p class="notice-title">
                  <xsl:value-of select="@member-name"/>
                  <xsl:text>：</xsl:text>
                  <xsl:call-template name="member-field-name"/>
                  <xsl:text> </xsl:text>
                  <xsl:value-of select="old"/>
                  <xsl:text> → </xsl:text>
                  <xsl:value-of select="new"/>
                </p>
                <p class="notice-body">
                  <strong><xsl:call-template name="member-state"/></strong>
                  <xsl:text> </xsl:text>
                  <xsl:value-of select="@decided"/>
                  <xsl:if test="comment">
                    <xsl:text>　</xsl:text>
                    <xsl:value-of select="comment"/>
                  </xsl:if>
                </p>
              </li>
            </xsl:for-each>
          </ul>
        </xsl:if>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

</xsl:stylesheet>
